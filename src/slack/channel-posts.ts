import type { MessageRef } from '../core/messenger';
import type { Clock, InstallationRepository } from '../core/ports';
import type { SentChannelPosts } from './messenger';

/** Their own namespace in the installations collection, apart from the workspaces' installations. */
const SLACK_CHANNEL_POSTS = 'slack-channel-posts';

/**
 * The channel posts made (summary, vote result, action plan…), by idempotency key, in MongoDB.
 * The keys name rounds, votes and plans, never a person, so the record says nothing about anyone.
 */
export function storedChannelPosts(installations: InstallationRepository, clock: Clock): SentChannelPosts {
  return {
    async get(key) {
      const data = await installations.get(SLACK_CHANNEL_POSTS, key);
      return typeof data?.conversationId === 'string' && typeof data.messageId === 'string' ? { conversationId: data.conversationId, messageId: data.messageId } : null;
    },
    async save(key, ref: MessageRef) {
      await installations.save(SLACK_CHANNEL_POSTS, key, { conversationId: ref.conversationId, messageId: ref.messageId }, clock.now());
    },
  };
}
