import { type FakeServer, serve } from './http.ts';

const recordTypes = { A: 1, AAAA: 28, TXT: 16 } as const;
type RecordType = keyof typeof recordTypes;

const isRecordType = (value: unknown): value is RecordType => typeof value === 'string' && Object.hasOwn(recordTypes, value);
const normalName = (name: string) => name.toLowerCase().replace(/\.$/, '');

/**
 * A local DNS-over-HTTPS resolver speaking the JSON API of cloudflare-dns.com and dns.google
 * (`GET /dns-query?name=…&type=TXT|A|AAAA`, `accept: application/dns-json`). It holds records set
 * through `POST /__records { name, value, type? }` (type TXT by default: tests publish verification
 * records there, and A/AAAA records for names a webhook URL may point at) and answers NXDOMAIN
 * (Status 3) for names it has no record of at all, NOERROR with no answer for a type it lacks.
 */
export async function startFakeDoh({ port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<FakeServer> {
  const records = new Map<string, Map<RecordType, string[]>>();
  return serve(port, host, (request) => {
    const { pathname, searchParams } = request.url;
    if (request.method === 'POST' && pathname === '/__records') {
      const body = request.json as { name?: unknown; value?: unknown; type?: unknown } | null;
      const type = body?.type ?? 'TXT';
      if (typeof body?.name !== 'string' || typeof body.value !== 'string' || !isRecordType(type))
        return { status: 400, body: { error: 'name and value are required; type is TXT, A or AAAA' } };
      const byType = records.get(normalName(body.name)) ?? new Map<RecordType, string[]>();
      byType.set(type, [...(byType.get(type) ?? []), body.value]);
      records.set(normalName(body.name), byType);
      return { status: 204 };
    }
    if (request.method === 'GET' && pathname === '/dns-query') {
      const name = normalName(searchParams.get('name') ?? '');
      const requested = (searchParams.get('type') ?? 'A').toUpperCase();
      const type: RecordType = isRecordType(requested) ? requested : 'A';
      const question = [{ name, type: recordTypes[type] }];
      const byType = records.get(name);
      const flags = { TC: false, RD: true, RA: true, AD: false, CD: false, Question: question };
      const headers = { 'content-type': 'application/dns-json' };
      if (!byType) return { status: 200, headers, body: { Status: 3, ...flags } };
      const values = byType.get(type) ?? [];
      const data = (value: string) => (type === 'TXT' ? `"${value.replaceAll('"', '\\"')}"` : value);
      return {
        status: 200,
        headers,
        body: { Status: 0, ...flags, Answer: values.map((value) => ({ name, type: recordTypes[type], TTL: 300, data: data(value) })) },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  });
}
