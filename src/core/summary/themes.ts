import type { LocalizedText } from '../questionnaire/schema';

/**
 * The coding scheme for open answers: the success factors and barriers schools themselves
 * reported to the inspectorate (seed 000, "Vraag 3: Wat zijn volgens de scholen succesfactoren
 * en drempels voor een kwaliteitsvolle leerlingenbegeleiding?"). It is vocabulary like the
 * questionnaire's, so it lives here as data with its {nl, en} labels; the coordinator tags
 * approved quotes with these ids and the summary counts quotes per theme.
 */
export type ThemeKind = 'success' | 'barrier';

export type Theme = { id: string; kind: ThemeKind; label: LocalizedText };

export const THEMES: readonly Theme[] = [
  // Succesfactoren
  { id: 'clear-organisation', kind: 'success', label: { nl: 'Duidelijke organisatie', en: 'Clear organisation' } },
  { id: 'clear-communication', kind: 'success', label: { nl: 'Heldere communicatie', en: 'Clear communication' } },
  { id: 'parent-involvement', kind: 'success', label: { nl: 'Betrokkenheid van ouders', en: 'Parental involvement' } },
  {
    id: 'expertise',
    kind: 'success',
    label: {
      nl: 'Deskundigheid, professionalisering en openstaan voor vernieuwing',
      en: 'Expertise, professional development and openness to innovation',
    },
  },
  { id: 'partnerships', kind: 'success', label: { nl: 'Samenwerkingsverbanden', en: 'Partnerships' } },
  { id: 'quality-development', kind: 'success', label: { nl: 'Systematiek en kwaliteitsontwikkeling', en: 'Systematic approach and quality development' } },
  { id: 'committed-care-policy', kind: 'success', label: { nl: 'Een overtuigd zorgbeleid', en: 'A committed care policy' } },
  { id: 'positive-diversity', kind: 'success', label: { nl: 'Een positieve kijk op diversiteit', en: 'A positive view of diversity' } },
  { id: 'supportive-culture', kind: 'success', label: { nl: 'Een open en ondersteunende cultuur', en: 'An open and supportive culture' } },
  { id: 'engagement', kind: 'success', label: { nl: 'Engagement', en: 'Commitment' } },
  { id: 'gok-tradition', kind: 'success', label: { nl: 'Een GOK-traditie', en: 'A tradition of equal educational opportunities (GOK)' } },
  { id: 'stability', kind: 'success', label: { nl: 'Stabiliteit', en: 'Stability' } },
  { id: 'small-scale', kind: 'success', label: { nl: 'Kleinschaligheid', en: 'Small scale' } },
  // Drempels
  { id: 'too-few-resources', kind: 'barrier', label: { nl: 'Te weinig middelen (uren, tijd, omkadering)', en: 'Too few resources (hours, time, staffing)' } },
  { id: 'referral-waiting-lists', kind: 'barrier', label: { nl: 'Wachtlijsten bij doorverwijzing', en: 'Waiting lists for referrals' } },
  {
    id: 'teacher-limitations',
    kind: 'barrier',
    label: {
      nl: 'Beperkingen eigen aan de leraar (didactische competenties, draagkracht, leerlingenbegeleiding niet als opdracht van elke leraar zien)',
      en: "Limitations of the teacher (teaching skills, personal capacity, not seeing pupil guidance as every teacher's task)",
    },
  },
  {
    id: 'infrastructure',
    kind: 'barrier',
    label: { nl: 'Infrastructuur met te weinig plaats voor activerende werkvormen en differentiatie', en: 'Infrastructure with too little room for active learning and differentiation' },
  },
  { id: 'administrative-burden', kind: 'barrier', label: { nl: 'Administratieve last van het zorgbeleid', en: 'Administrative burden of the care policy' } },
  {
    id: 'no-continuity',
    kind: 'barrier',
    label: { nl: 'Geen continuïteit in beleid, zorgteam of CLB-ankerfiguren', en: 'No continuity in policy, care team or CLB contact persons' },
  },
  { id: 'rushed-implementation', kind: 'barrier', label: { nl: 'Te snelle implementatie van het M-decreet', en: 'Too rapid implementation of the M-decree' } },
];

const BY_ID = new Map(THEMES.map((t) => [t.id, t]));

export function findTheme(id: string): Theme | undefined {
  return BY_ID.get(id);
}

export function isThemeId(id: string): boolean {
  return BY_ID.has(id);
}

/**
 * How many of the given (visible) quotes carry each theme, most frequent first; ties keep the
 * list's order. Themes nobody tagged are left out. Unknown ids (a theme removed from the list
 * after tagging) are skipped rather than shown without a label.
 */
export function themeCounts(quotes: readonly { themes: readonly string[] }[]): { themeId: string; kind: ThemeKind; label: LocalizedText; count: number }[] {
  const counts = new Map<string, number>();
  for (const q of quotes) for (const id of new Set(q.themes)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return THEMES.filter((t) => (counts.get(t.id) ?? 0) > 0)
    .map((t) => ({ themeId: t.id, kind: t.kind, label: t.label, count: counts.get(t.id)! }))
    .sort((a, b) => b.count - a.count);
}
