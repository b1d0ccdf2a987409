/**
 * The simulated school the playground shows: one coordinator and a dozen colleagues, shaped like
 * a Microsoft Teams tenant with one team and its General channel. Names and ids are data; job
 * titles and every other label the page shows live in the `playground` locale namespace.
 */

/** The self-declared groups of the default questionnaire (teacher, leadership, care team, support staff). */
export type PersonaGroup = 'teacher' | 'leadership' | 'care-team' | 'support-staff';

export interface Persona {
  /** Short stable key, used in URLs and locale keys (`playground:personas.<key>`). */
  key: string;
  name: string;
  givenName: string;
  surname: string;
  group: PersonaGroup;
  coordinator: boolean;
  /** The Teams user id ("29:…") the bot sees in `from.id`. */
  teamsId: string;
  /** The Entra ID object id the bot sees in `from.aadObjectId`. */
  aadObjectId: string;
  email: string;
}

export interface School {
  tenantId: string;
  name: string;
  team: { id: string; name: string; aadGroupId: string };
  /** The General channel: in Teams its id equals the team id and it has no name of its own. */
  channel: { id: string };
  bot: { id: string; name: string };
  personas: Persona[];
}

const DOMAIN = 'deregenboog.example';

function persona(n: number, key: string, givenName: string, surname: string, group: PersonaGroup, coordinator = false): Persona {
  const hex = n.toString(16).padStart(12, '0');
  const mailName = `${givenName}.${surname}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
  return {
    key,
    name: `${givenName} ${surname}`,
    givenName,
    surname,
    group,
    coordinator,
    teamsId: `29:pg-${key}`,
    aadObjectId: `00000000-0000-4000-8000-${hex}`,
    email: `${mailName}@${DOMAIN}`,
  };
}

/** Basisschool De Regenboog: the coordinator is the school's zorgcoördinator. */
export const SCHOOL: School = {
  tenantId: 'playground',
  name: 'Basisschool De Regenboog',
  team: { id: '19:pg-regenboog-general@thread.tacv2', name: 'Basisschool De Regenboog', aadGroupId: '00000000-0000-4000-9000-000000000001' },
  channel: { id: '19:pg-regenboog-general@thread.tacv2' },
  bot: { id: '28:pg-zorgspiegel', name: 'Zorgspiegel' },
  personas: [
    persona(1, 'els', 'Els', 'Van den Broeck', 'care-team', true),
    persona(2, 'lotte', 'Lotte', 'Peeters', 'teacher'),
    persona(3, 'bram', 'Bram', 'Janssens', 'teacher'),
    persona(4, 'sofie', 'Sofie', 'Maes', 'teacher'),
    persona(5, 'wout', 'Wout', 'Claes', 'teacher'),
    persona(6, 'fien', 'Fien', 'Goossens', 'teacher'),
    persona(7, 'jonas', 'Jonas', 'Wouters', 'teacher'),
    persona(8, 'marie', 'Marie', 'De Smet', 'teacher'),
    persona(9, 'karel', 'Karel', 'Vermeulen', 'leadership'),
    persona(10, 'an', 'An', 'Willems', 'leadership'),
    persona(11, 'nele', 'Nele', 'Jacobs', 'care-team'),
    persona(12, 'pieter', 'Pieter', 'Mertens', 'care-team'),
    persona(13, 'ilse', 'Ilse', 'Hermans', 'support-staff'),
  ],
};

export function coordinatorOf(school: School): Persona {
  const c = school.personas.find((p) => p.coordinator);
  if (!c) throw new Error('the playground school has no coordinator');
  return c;
}

export function findPersona(school: School, key: string): Persona | undefined {
  return school.personas.find((p) => p.key === key);
}

/** A persona by any id the bot may use for them (Teams id or Entra object id). */
export function personaById(school: School, id: string): Persona | undefined {
  return school.personas.find((p) => p.teamsId === id || p.aadObjectId === id);
}

/** The 1:1 conversation id of a persona with the bot; Teams keeps one per user, so it is stable. */
export function personalConversationId(p: Persona): string {
  return `a:pg-dm-${p.key}`;
}

/** The roster entry Teams returns for a member (TeamsChannelAccount). */
export function rosterEntry(school: School, p: Persona) {
  return {
    id: p.teamsId,
    name: p.name,
    aadObjectId: p.aadObjectId,
    givenName: p.givenName,
    surname: p.surname,
    email: p.email,
    userPrincipalName: p.email,
    tenantId: school.tenantId,
    userRole: 'user',
  };
}
