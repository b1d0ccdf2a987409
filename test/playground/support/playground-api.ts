import { cardActions } from '../../../src/playground/card-walk';

/** One call to the playground's API on `baseUrl` (the running test app), as the page makes it. */
export async function callPlayground(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${baseUrl}/playground/api${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

/** Polls `probe` until it gives a value (the scheduler sends in the background). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether one of the activity's cards has an Action.Execute with this verb. */
export const hasVerb = (activity: { attachments: { content?: unknown }[] }, verb: string) =>
  activity.attachments.some((a) => a.content && cardActions(a.content as Record<string, unknown>).some((x) => x.verb === verb));
