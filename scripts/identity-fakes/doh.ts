import { type FakeServer, serve } from './http.ts';

/**
 * A local DNS-over-HTTPS resolver speaking the JSON API of cloudflare-dns.com and dns.google
 * (`GET /dns-query?name=…&type=TXT`, `accept: application/dns-json`). It holds TXT records set
 * through `POST /__records { name, value }` (tests publish verification records there) and answers
 * NXDOMAIN (Status 3) for names it does not have.
 */
export async function startFakeDoh({ port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<FakeServer> {
  const records = new Map<string, string[]>();
  return serve(port, host, (request) => {
    const { pathname, searchParams } = request.url;
    if (request.method === 'POST' && pathname === '/__records') {
      const body = request.json as { name?: unknown; value?: unknown } | null;
      if (typeof body?.name !== 'string' || typeof body.value !== 'string')
        return { status: 400, body: { error: 'name and value are required' } };
      const name = body.name.toLowerCase().replace(/\.$/, '');
      records.set(name, [...(records.get(name) ?? []), body.value]);
      return { status: 204 };
    }
    if (request.method === 'GET' && pathname === '/dns-query') {
      const name = (searchParams.get('name') ?? '').toLowerCase().replace(/\.$/, '');
      const type = (searchParams.get('type') ?? 'A').toUpperCase();
      const question = [{ name, type: type === 'TXT' ? 16 : 1 }];
      const values = type === 'TXT' ? records.get(name) : undefined;
      if (!values)
        return {
          status: 200,
          headers: { 'content-type': 'application/dns-json' },
          body: { Status: 3, TC: false, RD: true, RA: true, AD: false, CD: false, Question: question },
        };
      return {
        status: 200,
        headers: { 'content-type': 'application/dns-json' },
        body: {
          Status: 0,
          TC: false,
          RD: true,
          RA: true,
          AD: false,
          CD: false,
          Question: question,
          Answer: values.map((value) => ({ name, type: 16, TTL: 300, data: `"${value.replaceAll('"', '\\"')}"` })),
        },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  });
}
