import type { SocketModeReceiver } from '@slack/bolt';

/** @slack/socket-mode's client, as Bolt's receiver holds it (Bolt is the dependency we declare). */
export type SocketModeClient = SocketModeReceiver['client'];
