import type { LocalServer } from '../../src/store/server-selection';
import { LOCAL_SERVER_GLOBAL } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>)[LOCAL_SERVER_GLOBAL] as LocalServer | undefined;
  if (server) await server.stop();
}
