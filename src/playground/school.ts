/**
 * The simulated schools the playground shows, shaped like one Microsoft Teams tenant of a school
 * group: each school is a team with its General channel, its own coordinator and colleagues. The
 * first school is there from the start; the second joins when someone adds the app to its team
 * (as in Teams, that person becomes its first coordinator). Names and ids are data; job titles
 * and every other label the page shows live in the `playground` locale namespace.
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
  /** Short stable key the page and the API use for this school. */
  key: string;
  tenantId: string;
  name: string;
  team: { id: string; name: string; aadGroupId: string };
  /** The General channel: in Teams its id equals the team id and it has no name of its own. */
  channel: { id: string };
  bot: { id: string; name: string };
  personas: Persona[];
}

function persona(domain: string, n: number, key: string, givenName: string, surname: string, group: PersonaGroup, coordinator = false): Persona {
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
    email: `${mailName}@${domain}`,
  };
}

type PersonaArgs = [n: number, key: string, givenName: string, surname: string, group: PersonaGroup, coordinator?: boolean];
const regenboog = (...args: PersonaArgs) => persona('deregenboog.example', ...args);
const zonnebloem = (...args: PersonaArgs) => persona('dezonnebloem.example', ...args);

/** The Microsoft tenant of the playground's school group, and the bot every school shares. */
const TENANT_ID = 'playground';
const BOT = { id: '28:pg-zorgspiegel', name: 'Zorgspiegel' };

/** Basisschool De Regenboog: the coordinator is the school's zorgcoördinator. */
export const SCHOOL: School = {
  key: 'regenboog',
  tenantId: TENANT_ID,
  name: 'Basisschool De Regenboog',
  team: { id: '19:pg-regenboog-general@thread.tacv2', name: 'Basisschool De Regenboog', aadGroupId: '00000000-0000-4000-9000-000000000001' },
  channel: { id: '19:pg-regenboog-general@thread.tacv2' },
  bot: BOT,
  personas: [
    regenboog(1, 'els', 'Els', 'Van den Broeck', 'care-team', true),
    regenboog(2, 'lotte', 'Lotte', 'Peeters', 'teacher'),
    regenboog(3, 'bram', 'Bram', 'Janssens', 'teacher'),
    regenboog(4, 'sofie', 'Sofie', 'Maes', 'teacher'),
    regenboog(5, 'wout', 'Wout', 'Claes', 'teacher'),
    regenboog(6, 'fien', 'Fien', 'Goossens', 'teacher'),
    regenboog(7, 'jonas', 'Jonas', 'Wouters', 'teacher'),
    regenboog(8, 'marie', 'Marie', 'De Smet', 'teacher'),
    regenboog(9, 'karel', 'Karel', 'Vermeulen', 'leadership'),
    regenboog(10, 'an', 'An', 'Willems', 'leadership'),
    regenboog(11, 'nele', 'Nele', 'Jacobs', 'care-team'),
    regenboog(12, 'pieter', 'Pieter', 'Mertens', 'care-team'),
    regenboog(13, 'ilse', 'Ilse', 'Hermans', 'support-staff'),
  ],
};

/**
 * Basisschool De Zonnebloem: a second school of the same group in the same tenant, with its own
 * team, channel and people (its coordinator is the adjunct-directeur).
 */
export const SECOND_SCHOOL: School = {
  key: 'zonnebloem',
  tenantId: TENANT_ID,
  name: 'Basisschool De Zonnebloem',
  team: { id: '19:pg-zonnebloem-general@thread.tacv2', name: 'Basisschool De Zonnebloem', aadGroupId: '00000000-0000-4000-9000-000000000002' },
  channel: { id: '19:pg-zonnebloem-general@thread.tacv2' },
  bot: BOT,
  personas: [
    zonnebloem(101, 'hilde', 'Hilde', 'Lambrechts', 'leadership', true),
    zonnebloem(102, 'tom', 'Tom', 'Dewitte', 'teacher'),
    zonnebloem(103, 'sara', 'Sara', 'El Amrani', 'teacher'),
    zonnebloem(104, 'koen', 'Koen', 'Verstraete', 'teacher'),
    zonnebloem(105, 'eva', 'Eva', 'Desmet', 'teacher'),
    zonnebloem(106, 'ruben', 'Ruben', 'Vandamme', 'care-team'),
    zonnebloem(107, 'lien', 'Lien', 'Coppens', 'support-staff'),
  ],
};

/** Every school of the playground's tenant, the one present from the start first. */
export const SCHOOLS: readonly School[] = [SCHOOL, SECOND_SCHOOL];

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

/** The school a persona belongs to (persona keys and ids are unique across the tenant). */
export function schoolOfPersona(schools: readonly School[], key: string): { school: School; persona: Persona } | undefined {
  for (const school of schools) {
    const persona = findPersona(school, key);
    if (persona) return { school, persona };
  }
  return undefined;
}

/** The school whose team or channel this is ("19:…", a reply thread folded in). */
export function schoolOfConversation(schools: readonly School[], conversationId: string): School | undefined {
  const base = conversationId.split(';')[0];
  return schools.find((s) => s.team.id === base || s.channel.id === base);
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
