import { translator } from '../../i18n';
import { coreFieldBlock, parseCreateRound } from './create-round-form';
import { parseSettings } from './settings-form';

const t = translator('nl');
const base = {
  title: { value: { type: 'plain_text_input', value: ' Voorjaar ' } },
  dimensionIds: { value: { type: 'checkboxes', selected_options: [{ value: 'A1' }, { value: 'C' }] } },
  depth: { value: { type: 'radio_buttons', selected_option: { value: 'quick' } } },
  includeReflection: { value: { type: 'radio_buttons', selected_option: { value: 'no' } } },
  audienceChannel: { value: { type: 'conversations_select', selected_conversation: 'CSTAFF' } },
  audienceUsergroup: { zs_usergroup: { type: 'external_select', selected_option: null } },
  opensAt: { value: { type: 'datetimepicker', selected_date_time: null } },
  closesAt: { value: { type: 'datetimepicker', selected_date_time: 1_773_000_000 } },
  reminderHours: { value: { type: 'multi_static_select', selected_options: [{ value: '72' }, { value: '24' }] } },
  moderation: { value: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
};

describe('the create-round form', () => {
  it('becomes the core’s round input', () => {
    expect(parseCreateRound(base, t)).toEqual({
      ok: true,
      input: {
        title: 'Voorjaar',
        dimensionIds: ['A1', 'C'],
        depth: 'quick',
        includeReflection: false,
        audience: { kind: 'channel', id: 'CSTAFF' },
        closesAt: new Date(1_773_000_000_000),
        reminderHours: [72, 24],
        moderation: true,
      },
    });
  });

  it('takes a user group as audience', () => {
    const state = { ...base, audienceChannel: { value: { type: 'conversations_select', selected_conversation: null } }, audienceUsergroup: { zs_usergroup: { type: 'external_select', selected_option: { value: 'S1', text: { type: 'plain_text', text: 'Zorgteam' } } } } };
    const parsed = parseCreateRound(state, t);
    expect(parsed.ok && parsed.input.audience).toEqual({ kind: 'usergroup', id: 'S1', name: 'Zorgteam' });
  });

  it('asks for exactly one audience and a closing time, under the right fields', () => {
    const neither = parseCreateRound({ ...base, audienceChannel: { value: { type: 'conversations_select', selected_conversation: null } }, closesAt: { value: { type: 'datetimepicker', selected_date_time: null } } }, t);
    expect(neither).toEqual({ ok: false, errors: { audienceChannel: expect.any(String), closesAt: expect.any(String) } });
    const both = parseCreateRound({ ...base, audienceUsergroup: { zs_usergroup: { type: 'external_select', selected_option: { value: 'S1' } } } }, t);
    expect(both).toEqual({ ok: false, errors: { audienceUsergroup: expect.stringContaining('niet allebei') } });
  });

  it('shows a core error about a field under that field', () => {
    expect(coreFieldBlock('closesAt')).toBe('closesAt');
    expect(coreFieldBlock('audience')).toBe('audienceChannel');
    expect(coreFieldBlock(undefined)).toBe('title');
  });
});

describe('the settings form', () => {
  it('becomes a settings patch', () => {
    expect(
      parseSettings({
        teamChannel: { value: { type: 'conversations_select', selected_conversation: 'CTEAM' } },
        coordinators: { value: { type: 'multi_users_select', selected_users: ['U1', 'U2', 'U1'] } },
        language: { value: { type: 'static_select', selected_option: { value: 'en' } } },
        anonymityThreshold: { value: { type: 'number_input', value: '4' } },
      }),
    ).toEqual({ teamChannel: { id: 'CTEAM' }, coordinators: ['U1', 'U2'], language: 'en', anonymityThreshold: 4 });
  });
});
