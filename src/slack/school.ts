import type { Actor, Services } from '../core/services';
import type { Tenant } from '../core/tenant';

/**
 * Which school a Slack request is for. A workspace is one school (its default, "slack:<team>")
 * unless a coordinator creates more ("slack:<team>:<short name>"), each with its own channel and
 * audience. Ids that come back from Slack's client (a button's round or school, a modal's
 * metadata) are trusted only inside the workspace that signed the request.
 */
export interface SchoolHint {
  /** The round a button or modal is about: its school decides. */
  roundId?: string;
  /** A school chosen earlier (a modal opened for it, a "which school?" button). */
  schoolId?: string;
  /** The channel a command was typed in: the school whose team channel it is. */
  channelId?: string;
}

export type SchoolResolution = { school: Tenant; schoolChoices?: Tenant[] };

export async function resolveSchool(services: Services, teamId: string, platformUserId: string, hint: SchoolHint = {}): Promise<SchoolResolution> {
  const { tenants } = services;
  if (hint.roundId) {
    const school = await tenants.schoolOfRound('slack', teamId, hint.roundId);
    if (school) return { school };
  }
  if (hint.schoolId) {
    const school = await tenants.schoolIn('slack', teamId, hint.schoolId);
    if (school) return { school };
  }
  const schools = await tenants.schools('slack', teamId);
  if (schools.length <= 1) return { school: schools[0] ?? (await tenants.ensure('slack', teamId)) };
  const byChannel = hint.channelId ? schools.find((s) => s.settings.teamChannel?.id === hint.channelId) : undefined;
  if (byChannel) return { school: byChannel };
  const mine = schools.filter((s) => s.settings.coordinators.includes(platformUserId));
  if (mine.length === 1) return { school: mine[0]! };
  const fallback = schools.find((s) => !s.schoolKey) ?? schools[0]!;
  return mine.length > 1 ? { school: mine[0]!, schoolChoices: mine } : { school: fallback };
}

/** The short name a new school gets from its name: "Campus Zuid" → "campus-zuid". */
export function schoolSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Every school of the workspace the person may see in App Home, each as an actor of its own. */
export async function actorsAcrossSchools(services: Services, actor: Actor): Promise<{ actor: Actor; label?: string }[]> {
  const schools = await services.tenants.schools(actor.tenant.platform, actor.tenant.externalId);
  if (schools.length <= 1) return [{ actor }];
  return schools.map((school) => ({ actor: { tenant: school, platformUserId: actor.platformUserId, lang: actor.lang }, label: school.name || school.schoolKey || school.externalId }));
}
