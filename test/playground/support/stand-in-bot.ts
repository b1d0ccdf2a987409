import { ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler, TeamsInfo, TurnContext, type ConversationReference, type InvokeResponse } from 'botbuilder';
import express from 'express';
import type { IntegrationFactory } from '../../../src/app/integration';

/**
 * A tiny Teams bot on botbuilder's CloudAdapter (no authentication, like the Teams integration
 * in development), for testing the playground's protocol side without the real Teams adapter:
 * it reads the roster through the connector, answers messages with Action.Execute cards, answers
 * invokes with updated cards, and sends proactive 1:1 messages it later updates in place.
 */
export interface StandInBot {
  factory: IntegrationFactory;
  installs: { team?: string; tenant?: string; installer?: string; roster: string[] };
  references: Map<string, Partial<ConversationReference>>;
  adapter: CloudAdapter;
}

function card(body: unknown[], actions: unknown[] = []) {
  return CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions });
}

function numberCard(value?: string, error?: string) {
  return card(
    [
      { type: 'TextBlock', text: 'How many days?', weight: 'Bolder', wrap: true },
      {
        type: 'Input.ChoiceSet',
        id: 'days',
        label: 'Days',
        style: 'expanded',
        value,
        choices: ['1', '3', '6'].map((v) => ({ title: v, value: v })),
      },
      ...(error ? [{ type: 'TextBlock', text: error, color: 'Attention', wrap: true }] : []),
    ],
    [{ type: 'Action.Execute', title: 'Save', verb: 'save', data: { step: 1 } }],
  );
}

export function standInBot(): StandInBot {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const installs: StandInBot['installs'] = { roster: [] };
  const references = new Map<string, Partial<ConversationReference>>();

  class Bot extends TeamsActivityHandler {
    constructor() {
      super();
      this.onConversationUpdate(async (context, next) => {
        const channelData = context.activity.channelData as { team?: { id: string }; tenant?: { id: string } };
        references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
        if (channelData.team && context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id)) {
          installs.team = channelData.team.id;
          installs.tenant = channelData.tenant?.id;
          installs.installer = context.activity.from.id;
          installs.roster = [];
          let token: string | undefined;
          do {
            const page = await TeamsInfo.getPagedMembers(context, 5, token);
            installs.roster.push(...page.members.map((m) => m.id));
            token = page.continuationToken;
          } while (token);
          await context.sendActivity(`Hello team of ${installs.roster.length}`);
        }
        await next();
      });
      this.onMessage(async (context, next) => {
        references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
        const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? '';
        if (text === 'card') {
          await context.sendActivity({ attachments: [numberCard()] });
        } else if (text.startsWith('dm ')) {
          const userId = text.slice(3);
          const ref = TurnContext.getConversationReference(context.activity);
          await adapter.createConversationAsync(
            '',
            'msteams',
            ref.serviceUrl!,
            '',
            { isGroup: false, bot: ref.bot!, members: [{ id: userId, name: '' }], tenantId: 'playground', channelData: { tenant: { id: 'playground' } } },
            async (dm) => {
              const sent = await dm.sendActivity({ attachments: [card([{ type: 'TextBlock', text: 'Invitation v1' }])] });
              await dm.updateActivity({ id: sent!.id, type: ActivityTypes.Message, attachments: [card([{ type: 'TextBlock', text: 'Invitation v2' }])] });
            },
          );
          await context.sendActivity('sent');
        } else {
          await context.sendActivity({ text: `You said **${text}** (${context.activity.locale})`, textFormat: 'markdown' });
        }
        await next();
      });
    }

    protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
      if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
      const action = (context.activity.value as { action: { verb: string; data: Record<string, string> } }).action;
      const days = Number(action.data.days);
      const content = days > 5 ? numberCard(action.data.days, 'Too many: at most 5').content : card([{ type: 'TextBlock', text: `Saved ${days} (${action.verb}, step ${action.data.step})` }]).content;
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: content } };
    }
  }
  const bot = new Bot();

  const factory: IntegrationFactory = () => ({
    name: 'stand-in-teams',
    mount(http) {
      http.post('/api/messages', express.json(), (req, res) => {
        void adapter.process(req, res, (context) => bot.run(context));
      });
    },
  });
  return { factory, installs, references, adapter };
}
