/**
 * A local stand-in for the parts of Cloudflare's REST API (https://api.cloudflare.com/client/v4)
 * that `npm run setup` and wrangler's secret commands use, in the documented envelope
 * `{ success, errors, messages, result }`: R2 buckets, queues, Worker secrets (with error 10007
 * for a Worker that does not exist, and the draft-Worker upload wrangler then makes; the bulk
 * patch of `wrangler secret bulk`) and the
 * account's workers.dev subdomain. Point wrangler at it with CLOUDFLARE_API_BASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { type FakeServer, type Reply, serve } from '../identity-fakes/http.ts';

export interface CloudflareState {
  buckets: Set<string>;
  queues: Map<string, string>;
  /** Worker name → secret name → value. */
  secrets: Map<string, Map<string, string>>;
  /** Every call, `METHOD /path`, for tests that assert what was (not) called. */
  calls: string[];
}

const ok = (result: unknown, status = 200): Reply => ({ status, body: { success: true, errors: [], messages: [], result } });
const fail = (status: number, code: number, message: string): Reply => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
});

export async function startCloudflareStandIn(options: { port: number; accountId: string; token: string; subdomain?: string }) {
  const state: CloudflareState = { buckets: new Set(), queues: new Map(), secrets: new Map(), calls: [] };
  const account = `/client/v4/accounts/${options.accountId}`;
  const server: FakeServer = await serve(options.port, '127.0.0.1', (request) => {
    const path = request.url.pathname;
    state.calls.push(`${request.method} ${path}`);
    if (request.headers.authorization !== `Bearer ${options.token}`) return fail(403, 10000, 'Authentication error');
    if (!path.startsWith(account)) return fail(403, 10000, 'Authentication error');
    const rest = path.slice(account.length);
    const body = (request.json ?? {}) as Record<string, unknown>;

    if (rest === '/r2/buckets' && request.method === 'GET') {
      return ok({ buckets: [...state.buckets].map((name) => ({ name, creation_date: new Date(0).toISOString() })) });
    }
    if (rest === '/r2/buckets' && request.method === 'POST') {
      const name = String(body.name ?? '');
      if (state.buckets.has(name)) return fail(409, 10004, 'The bucket you tried to create already exists, and you own it.');
      state.buckets.add(name);
      return ok({ name, creation_date: new Date().toISOString(), location: 'ENAM' });
    }
    if (rest === '/queues' && request.method === 'GET') {
      const queues = [...state.queues].map(([queue_name, queue_id]) => ({ queue_id, queue_name }));
      const page = { page: 1, per_page: 100, count: queues.length, total_count: queues.length };
      return { status: 200, body: { success: true, errors: [], messages: [], result: queues, result_info: page } };
    }
    if (rest === '/queues' && request.method === 'POST') {
      const name = String(body.queue_name ?? '');
      if (state.queues.has(name)) return fail(409, 11009, 'A queue with this name already exists');
      const id = randomUUID().replaceAll('-', '');
      state.queues.set(name, id);
      return ok({ queue_id: id, queue_name: name });
    }
    if (rest === '/workers/subdomain' && request.method === 'GET') return ok({ subdomain: options.subdomain ?? 'founder' });

    const script = rest.match(/^\/workers\/scripts\/([^/]+)(\/secrets|\/secrets-bulk)?$/);
    if (script?.[1]) {
      const name = decodeURIComponent(script[1]);
      const secrets = state.secrets.get(name);
      if (!script[2] && request.method === 'PUT') {
        // wrangler's draft Worker, uploaded before the first secret of a Worker that does not exist yet
        if (!secrets) state.secrets.set(name, new Map());
        return ok({ id: name });
      }
      if (!secrets) return fail(404, 10007, 'workers.api.error.script_not_found');
      if (script[2] === '/secrets-bulk' && request.method === 'PATCH') {
        // `wrangler secret bulk`: a merge patch of { secrets: { NAME: { name, text, type } } }
        const patch = (body.secrets ?? {}) as Record<string, { text: string }>;
        for (const [secret, value] of Object.entries(patch)) secrets.set(secret, value.text);
        return ok({});
      }
      if (request.method === 'GET') return ok([...secrets.keys()].map((secret) => ({ name: secret, type: 'secret_text' })));
      if (request.method === 'PUT') {
        secrets.set(String(body.name), String(body.text));
        return ok({ name: body.name, type: 'secret_text' });
      }
    }
    return fail(404, 7003, `No route for ${request.method} ${path}`);
  });
  return { ...server, state, apiUrl: `${server.url}/client/v4` };
}
