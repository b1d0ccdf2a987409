import type { Repositories } from '../../src/core/ports';
import type { Round } from '../../src/core/round';

/**
 * A real school's volume for the end-to-end test: 25 colleagues, every one of them answering all
 * seven dimensions (quick round) and the reflection questions, about half writing something per
 * open question. The sentences are the kind colleagues write: concrete, sometimes with a name
 * in them, a few long. Deterministic, so a failing run can be repeated.
 */
const STRENGTHS = [
  'Het zorgteam komt elke week samen en volgt de afspraken van het vorige overleg consequent op.',
  'De klassenraden starten altijd met wat goed gaat bij een leerling; dat helpt om positief te blijven.',
  'We hebben een duidelijk stappenplan voor verhoogde zorg, iedereen weet wie hij moet aanspreken.',
  'Nieuwe collega’s krijgen een meter of peter die hen wegwijs maakt in onze zorgafspraken.',
  'Het CLB is snel bereikbaar en denkt mee tijdens de MDO’s.',
  'Ouders worden bij een zorgvraag meteen betrokken en krijgen een verslag van elk gesprek.',
  'De leerlingenbespreking per graad geeft een goed zicht op wie extra ondersteuning nodig heeft.',
  'Onze observatielijsten voor taal en rekenen worden door alle klassen op dezelfde manier gebruikt.',
];
const PRIORITIES = [
  'Er is te weinig tijd om de afspraken uit het MDO ook echt in de klas uit te voeren.',
  'Niet iedereen weet welke maatregelen (remediëren, compenseren, dispenseren) in het leerlingdossier staan.',
  'De communicatie met ouders verloopt nog te veel via losse mails in plaats van via het afgesproken kanaal.',
  'We evalueren de ondersteuning te weinig: na zes weken zou er standaard een terugkoppeling moeten zijn.',
  'Het zorgbeleid staat op papier, maar veel collega’s hebben het nooit samen besproken.',
  'De overgang van de kleuterschool naar het eerste leerjaar verdient een vaste overdrachtsbespreking.',
  'Wachtlijsten bij doorverwijzing zorgen ervoor dat leerlingen maanden zonder gepaste hulp zitten.',
  'De administratieve last van handelingsplannen neemt tijd weg van de begeleiding zelf.',
];
const PRACTICES = [
  'In het derde leerjaar werken we met een planbord waarop leerlingen zelf hun oefenmomenten kiezen; dat werkt heel motiverend.',
  'Ik start elke week met een kort kringgesprek over hoe het met iedereen gaat; zorgen komen zo vroeg boven.',
  'Bij ons in de zesde klas houden leerlingen zelf een portfolio bij dat ze aan hun ouders voorstellen.',
  'We hebben een co-teachingmoment per week waarin de zorgleerkracht mee in de klas staat.',
];
const REFLECTION = [
  'Ik merk dat een leerling opbloeit wanneer ik tijd maak voor een persoonlijk gesprek na de les.',
  'Het is moeilijk wanneer ouders en school een andere kijk hebben op wat hun kind nodig heeft.',
  'Meer ondersteuning bij het opstellen van een handelingsplan zou me helpen.',
  'Professionalisering zou het best gebeuren via intervisie met collega’s van andere scholen.',
  'De visie wordt gedeeld op de personeelsvergadering, maar daarna horen we er weinig meer over.',
];
const GRID = ['Ik signaleer en bespreek met de zorgcoördinator.', 'De klasleerkracht volgt op in de klas.', 'Het CLB begeleidt bij de studiekeuze.'];

/** Simple deterministic choice: the i-th person and the j-th question. */
const pick = <T>(list: readonly T[], i: number, j: number): T => list[(i * 7 + j * 3) % list.length]!;
const writes = (i: number, j: number) => (i * 31 + j * 17) % 100 < 55;

export interface SeededSchool {
  openAnswers: number;
  /** One answer with a colleague's name in it, for the coordinator to edit. */
  withName: string;
}

/**
 * Gives 25 colleagues their answers: `userIds` are the invited colleagues (some real personas,
 * the rest invited for the occasion), each also marked completed, as the respondent service would.
 */
export async function seedSchoolAnswers(repos: Repositories, round: Round, userIds: string[], now: Date): Promise<SeededSchool> {
  let openAnswers = 0;
  const withName = 'Juf Ann van het vierde leerjaar vangt elke ochtend de leerlingen op die moeilijk binnenkomen.';
  for (const [i, user] of userIds.entries()) {
    const key = `school-respondent-${i}`;
    const answers: Record<string, unknown> = {};
    round.dimensionIds.forEach((d, j) => {
      answers[`${d}-global`] = 1 + ((i + j * 2) % 6);
      for (const [k, [suffix, pool]] of ([['strengths', STRENGTHS], ['priorities', PRIORITIES], ['practice', PRACTICES]] as const).entries()) {
        if (!writes(i, j * 3 + k)) continue;
        answers[`${d}-${suffix}`] = i === 0 && j === 0 && k === 0 ? withName : `${pick(pool, i, j + k)} (${d}, collega ${i + 1})`;
        openAnswers++;
      }
    });
    for (const [j, id] of ['R1', 'R2', 'R5', 'R6', 'R7'].entries()) {
      if (!writes(i, 40 + j)) continue;
      answers[id] = `${pick(REFLECTION, i, j)} (${id}, collega ${i + 1})`;
      openAnswers++;
    }
    if (i % 5 === 0) {
      answers.R4 = { onderwijsloopbaan: { mine: `${GRID[0]} (collega ${i + 1})`, teachers: `${GRID[1]} (collega ${i + 1})`, others: `${GRID[2]} (collega ${i + 1})` } };
      openAnswers += 3;
    }
    await repos.responses.saveAnswers(round.id, key, answers as never, now);
    const sections = [...round.dimensionIds, ...(round.includeReflection ? ['reflection'] : [])];
    for (const [s, section] of sections.entries()) await repos.responses.markSectionSubmitted(round.id, key, section, s === sections.length - 1, now);
  }
  return { openAnswers, withName };
}
