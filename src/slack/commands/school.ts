import { schoolName } from '../../core/tenant';
import { schoolSlug } from '../school';
import { schoolListBlocks } from '../presenters/school';
import { replyText, type CommandHandler } from './context';

const CREATE_WORDS = ['new', 'nieuw', 'nieuwe', 'add', 'maak'];
const RENAME_WORDS = ['naam', 'name', 'rename', 'hernoem'];

/**
 * `/zorgspiegel school` lists the workspace's schools; `/zorgspiegel school nieuw <naam>`, typed
 * in a channel, adds a school (a school group shares one workspace, a channel per school): the
 * channel becomes its team channel and the default audience of its rounds, whoever creates it is
 * its first coordinator, and it starts with the language, time zone, working hours and threshold
 * of the school the creator was working in. `/zorgspiegel school naam <naam>` renames the school
 * the command is for (the workspace's own school starts with the workspace's name). Only
 * coordinators of a school here may do any of these.
 */
export const school: CommandHandler = async (ctx) => {
  const { services } = ctx.deps;
  const { platformUserId } = ctx.actor;
  const teamId = ctx.actor.tenant.externalId;
  const mine = await services.tenants.coordinatedBy('slack', teamId, platformUserId);
  if (mine.length === 0) return replyText(ctx, ctx.t('slack:school.notCoordinator'));
  const [verb, ...nameWords] = ctx.args;
  if (verb && RENAME_WORDS.includes(verb.toLowerCase())) {
    const newName = nameWords.join(' ').trim();
    if (!newName || newName.length > 80) return replyText(ctx, ctx.t('slack:school.badName'));
    const renamed = await services.coordinators.renameSchool(ctx.actor, newName);
    return replyText(ctx, ctx.t('slack:school.renamed', { name: schoolName(renamed) }));
  }
  if (!verb || !CREATE_WORDS.includes(verb.toLowerCase())) {
    const schools = await services.tenants.schools('slack', teamId);
    await ctx.reply(schoolListBlocks(schools, ctx.t), ctx.t('slack:school.listTitle'));
    return;
  }
  const name = nameWords.join(' ').trim();
  const key = schoolSlug(name);
  if (!key || name.length > 80) return replyText(ctx, ctx.t('slack:school.needsName'));
  const channelId = ctx.command.channel_id;
  if (!channelId || !/^[CG]/.test(channelId)) return replyText(ctx, ctx.t('slack:school.needsChannel'));
  const schools = await services.tenants.schools('slack', teamId);
  const sameKey = schools.find((s) => s.schoolKey === key);
  if (sameKey) return replyText(ctx, ctx.t('slack:school.exists', { key, name: schoolName(sameKey) }));
  const channelOwner = schools.find((s) => s.settings.teamChannel?.id === channelId);
  if (channelOwner) return replyText(ctx, ctx.t('slack:school.channelTaken', { name: schoolName(channelOwner) }));
  const from = ctx.actor.tenant.settings;
  const created = await services.tenants.ensureSchool('slack', teamId, key, {
    name,
    installerId: platformUserId,
    settings: { teamChannel: { id: channelId }, language: from.language, timeZone: from.timeZone, quietHours: from.quietHours, anonymityThreshold: from.anonymityThreshold },
  });
  await replyText(ctx, ctx.t('slack:school.created', { name: schoolName(created), key }));
};
