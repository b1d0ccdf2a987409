import { findTheme, isThemeId, themeCounts, THEMES } from './themes';

describe('themes', () => {
  it("holds seed 000's success factors and barriers, with unique ids and both languages", () => {
    expect(new Set(THEMES.map((t) => t.id)).size).toBe(THEMES.length);
    const nl = (kind: string) => THEMES.filter((t) => t.kind === kind).map((t) => t.label.nl);
    expect(nl('success')).toEqual(
      expect.arrayContaining(['Duidelijke organisatie', 'Heldere communicatie', 'Betrokkenheid van ouders', 'Samenwerkingsverbanden', 'Systematiek en kwaliteitsontwikkeling']),
    );
    expect(nl('success').some((l) => l.startsWith('Deskundigheid, professionalisering'))).toBe(true);
    expect(nl('barrier')).toEqual(expect.arrayContaining(['Te weinig middelen (uren, tijd, omkadering)', 'Wachtlijsten bij doorverwijzing', 'Administratieve last van het zorgbeleid']));
    for (const t of THEMES) expect(t.label.en.trim()).not.toBe('');
  });

  it('looks themes up by id', () => {
    expect(isThemeId('administrative-burden')).toBe(true);
    expect(isThemeId('Administratieve last')).toBe(false);
    expect(findTheme('stability')?.kind).toBe('success');
  });

  it('counts each theme once per quote, most frequent first, ties in list order, unknown ids skipped', () => {
    const counts = themeCounts([
      { themes: ['stability', 'clear-communication', 'stability'] },
      { themes: ['stability', 'gone-theme'] },
      { themes: ['clear-organisation'] },
      { themes: [] },
    ]);
    // stability 2 (the repeat inside one quote counts once); clear-organisation and
    // clear-communication 1 each, in list order (organisation comes first in the list).
    expect(counts.map((c) => [c.themeId, c.count])).toEqual([
      ['stability', 2],
      ['clear-organisation', 1],
      ['clear-communication', 1],
    ]);
  });
});
