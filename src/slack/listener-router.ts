import { matchConstraints, MultipleListenerError, type AnyMiddlewareArgs, type App } from '@slack/bolt';

type Kind = 'action' | 'view' | 'options';
type Constraints = Record<string, unknown>;
type Listener = (args: AnyMiddlewareArgs & Record<string, unknown>) => Promise<unknown> | unknown;
interface Route {
  constraints: Constraints;
  listener: Listener;
  /** Registration order: matching listeners run in the order Bolt would have run them. */
  order: number;
}

/** What Bolt makes of a listener's first argument (App.action / App.options / App.view). */
function normalise(kind: Kind, idOrConstraints: unknown): Constraints {
  if (typeof idOrConstraints === 'string' || idOrConstraints instanceof RegExp) {
    return kind === 'view' ? { callback_id: idOrConstraints, type: 'view_submission' } : { action_id: idOrConstraints };
  }
  return idOrConstraints as Constraints;
}

/** The exact id a route waits for, when it names one: its key in the lookup. */
function exactId(kind: Kind, constraints: Constraints): string | undefined {
  const id = kind === 'view' ? constraints.callback_id : constraints.action_id;
  return typeof id === 'string' ? id : undefined;
}

/** The id an incoming request carries, as Bolt's constraints read it. */
function incomingId(kind: Kind, args: AnyMiddlewareArgs): string | undefined {
  const body = args.body as { view?: { callback_id?: string }; callback_id?: string };
  if (kind === 'view') return body.view?.callback_id;
  const payload = args.payload as { action_id?: string };
  return payload.action_id ?? body.callback_id;
}

/**
 * Bolt runs every registered listener's matching middleware for every request, each with its
 * own copies of the request's arguments: with the app's ~45 listeners that was about half a
 * millisecond of main thread in front of each answer's ack (12 µs a listener on the benchmark
 * machine). The listener files register on this router instead (through `wrap`, with Bolt's
 * own signatures); Bolt sees one listener per kind, and the router looks the request's id up in
 * a map. Whatever names no single id (a pattern) is checked for every request of its kind.
 * Matching itself is Bolt's (`matchConstraints`), so a route behaves as registered on Bolt:
 * same constraints, same `context.*Matches`, every matching listener run, errors reported as
 * Bolt reports them.
 */
export class ListenerRouter {
  private readonly routes = new Map<Kind, { byId: Map<string, Route[]>; patterns: Route[] }>();
  private registered = 0;

  /** The app, with `action`, `view` and `options` registering here; everything else is the app's own. */
  wrap(app: App): App {
    return new Proxy(app, {
      get: (target, prop) => {
        if (prop === 'action' || prop === 'view' || prop === 'options') {
          return (idOrConstraints: unknown, ...listeners: Listener[]) => this.add(prop, idOrConstraints, listeners);
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private add(kind: Kind, idOrConstraints: unknown, listeners: Listener[]): void {
    // One function per registration is all the app uses; a middleware chain would need Bolt's
    // chaining, so it is refused here rather than half supported.
    if (listeners.length !== 1) throw new Error(`ListenerRouter: one listener per ${kind} registration (got ${listeners.length})`);
    let table = this.routes.get(kind);
    if (!table) this.routes.set(kind, (table = { byId: new Map(), patterns: [] }));
    const route: Route = { constraints: normalise(kind, idOrConstraints), listener: listeners[0]!, order: this.registered++ };
    const id = exactId(kind, route.constraints);
    if (id === undefined) table.patterns.push(route);
    else table.byId.set(id, [...(table.byId.get(id) ?? []), route]);
  }

  /** Registers the one Bolt listener of each kind that has routes. Call after every `wrap`ped registration. */
  mount(app: App): void {
    for (const kind of this.routes.keys()) {
      const dispatch = (args: AnyMiddlewareArgs & Record<string, unknown>) => this.dispatch(kind, args);
      // No constraints: Bolt's only*Actions filters still pick the kind; the routes pick the rest.
      if (kind === 'action') app.action({}, dispatch as never);
      else if (kind === 'view') app.view({}, dispatch as never);
      else app.options({}, dispatch as never);
    }
  }

  private async dispatch(kind: Kind, args: AnyMiddlewareArgs & Record<string, unknown>): Promise<void> {
    const table = this.routes.get(kind)!;
    const id = incomingId(kind, args);
    const candidates = [...((id !== undefined && table.byId.get(id)) || []), ...table.patterns];
    if (candidates.length > 1) candidates.sort((a, b) => a.order - b.order);
    const results = await Promise.allSettled(
      candidates.map((route) =>
        matchConstraints(route.constraints as never)({
          ...args,
          next: async () => {
            await route.listener({ ...args, next: () => undefined } as never);
          },
        } as never),
      ),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Error);
    if (failed.length === 1) throw failed[0];
    if (failed.length > 1) throw new MultipleListenerError(failed);
  }
}
