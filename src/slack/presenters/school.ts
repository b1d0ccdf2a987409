import { schoolName, type Tenant } from '../../core/tenant';
import type { Translate } from '../../i18n';
import { ACTIONS } from '../ids';
import { BLOCK_KIT } from '../limits';
import { encodeActionValue } from '../schema';
import type { KnownBlock } from '../slack-types';
import { escapeMrkdwn, plain, sections } from './blocks';

/** "For which school?": a button per school the person coordinates, repeating the command there. */
export function chooseSchoolBlocks(schools: readonly Tenant[], commandText: string, t: Translate): KnownBlock[] {
  return [
    ...sections(escapeMrkdwn(t('slack:school.choose'))),
    {
      type: 'actions',
      elements: schools.slice(0, BLOCK_KIT.actionsElements).map((school, i) => ({
        type: 'button',
        action_id: `${ACTIONS.chooseSchool}:${i}`,
        text: plain(schoolName(school), BLOCK_KIT.buttonText),
        value: encodeActionValue({ t: school.id, c: commandText.slice(0, 500) }),
      })),
    } as KnownBlock,
  ];
}

/** `/zorgspiegel school`: the workspace's schools, their team channels and coordinators. */
export function schoolListBlocks(schools: readonly Tenant[], t: Translate): KnownBlock[] {
  const lines = schools.map((school) =>
    t('slack:school.line', {
      name: escapeMrkdwn(schoolName(school)),
      key: school.schoolKey ? ` (\`${school.schoolKey}\`)` : '',
      channel: school.settings.teamChannel ? `<#${school.settings.teamChannel.id}>` : '—',
      coordinators: school.settings.coordinators.map((id) => `<@${id}>`).join(', ') || '—',
    }),
  );
  const example = schools.find((s) => s.schoolKey)?.schoolKey;
  return sections([`*${escapeMrkdwn(t('slack:school.listTitle'))}*`, ...lines, ...(example ? [escapeMrkdwn(t('slack:school.keyHint', { key: example }))] : [])].join('\n'));
}
