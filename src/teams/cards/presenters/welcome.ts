import type { Lang } from '../../../core/questionnaire/schema';
import { MAX_REMINDERS } from '../../../core/round';
import { t } from '../../../i18n';
import { COMMANDS, COMMAND_WORDS } from '../../bot/commands';
import { renderCard, type AdaptiveCard } from '../render-card';

/** The commands with what they do, in the reader's language. */
function commandFacts(lang: Lang, inChannel: boolean) {
  const prefix = inChannel ? '@Zorgspiegel ' : '';
  return COMMANDS.filter((c) => c !== 'help').map((c) => ({ title: `${prefix}${COMMAND_WORDS[lang][c]}`, value: t(lang, `teams:help.commands.${c}`, { max: MAX_REMINDERS }) }));
}

/** Posted in the team's channel when the app is added: what it is and how to start. */
export function teamWelcomeCard(lang: Lang, team: { name: string; installer: string }): AdaptiveCard {
  return renderCard('welcome', {
    title: t(lang, 'teams:welcome.team.title', { team: team.name }),
    paragraphs: [t(lang, 'teams:welcome.team.intro'), t(lang, 'teams:welcome.team.anonymity')].map((text) => ({ text })),
    stepsHeading: t(lang, 'teams:welcome.team.stepsHeading'),
    steps: [
      t(lang, 'teams:welcome.team.step1', { installer: team.installer, command: `@Zorgspiegel ${COMMAND_WORDS[lang].newRound}` }),
      t(lang, 'teams:welcome.team.step2'),
      t(lang, 'teams:welcome.team.step3'),
    ].map((text, i) => ({ title: `${i + 1}.`, value: text })),
    actions: [
      { title: t(lang, 'teams:welcome.newRound'), verb: 'newRound', data: {} },
      { title: t(lang, 'teams:welcome.help'), verb: 'help', data: {} },
    ],
  });
}

/** Sent in personal chat when someone adds the app for themselves. */
export function personalWelcomeCard(lang: Lang): AdaptiveCard {
  return renderCard('welcome', {
    title: t(lang, 'teams:welcome.personal.title'),
    paragraphs: [t(lang, 'teams:welcome.personal.intro'), t(lang, 'teams:welcome.personal.anonymity')].map((text) => ({ text })),
    stepsHeading: '',
    steps: [],
    actions: [{ title: t(lang, 'teams:welcome.help'), verb: 'help', data: {} }],
  });
}

/** `help`: what staff and coordinators can do, with the command words in the reader's language. */
export function helpCard(lang: Lang, inChannel: boolean): AdaptiveCard {
  return renderCard('help', {
    title: t(lang, 'teams:help.title'),
    staffHeading: t(lang, 'teams:help.staffHeading'),
    staff: [t(lang, 'teams:help.staff1'), t(lang, 'teams:help.staff2')].map((text) => ({ text })),
    coordinatorHeading: t(lang, 'teams:help.coordinatorHeading'),
    commands: commandFacts(lang, inChannel),
    footer: t(lang, inChannel ? 'teams:help.footerChannel' : 'teams:help.footerPersonal'),
  });
}
