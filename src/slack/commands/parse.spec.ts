import { parseCommand, splitExportArgs } from './parse';

describe('/zorgspiegel subcommands', () => {
  it.each([
    ['', 'help'],
    ['help', 'help'],
    ['hulp', 'help'],
    ['new', 'new'],
    ['nieuw', 'new'],
    ['Status', 'status'],
    ['remind', 'remind'],
    ['herinner', 'remind'],
    ['close', 'close'],
    ['sluit', 'close'],
    ['publish', 'publish'],
    ['publiceer', 'publish'],
    ['cancel', 'cancel'],
    ['annuleer', 'cancel'],
    ['settings', 'settings'],
    ['instellingen', 'settings'],
    ['export', 'export'],
    ['moderate', 'moderate'],
    ['nalezen', 'moderate'],
  ])('"%s" is %s', (text, name) => {
    expect(parseCommand(text).name).toBe(name);
  });

  it('passes the round reference on, and names an unknown word', () => {
    expect(parseCommand('  sluit   3f2a9c1b ')).toEqual({ name: 'close', args: ['3f2a9c1b'] });
    expect(parseCommand('vergeet alles')).toEqual({ name: 'unknown', word: 'vergeet', args: ['alles'] });
  });

  it('reads the export format before or after the reference', () => {
    expect(splitExportArgs([])).toEqual({ ref: undefined, format: 'xlsx' });
    expect(splitExportArgs(['csv', '3f2a'])).toEqual({ ref: '3f2a', format: 'csv' });
    expect(splitExportArgs(['3f2a', 'XLSX'])).toEqual({ ref: '3f2a', format: 'xlsx' });
  });
});
