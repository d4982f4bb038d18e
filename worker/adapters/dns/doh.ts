import { AppError } from '../../kernel/errors.ts';
import type { AddressResolver, TxtResolver } from '../../kernel/dns.ts';

interface DnsJsonAnswer {
  Status: number;
  Answer?: Array<{ name: string; type: number; data: string }>;
}

const recordType = { A: 1, AAAA: 28, TXT: 16 } as const;
const nxDomain = 3;

/**
 * One question to a DNS-over-HTTPS resolver with the JSON API that Cloudflare
 * (https://cloudflare-dns.com/dns-query) and Google (https://dns.google/resolve) both speak:
 * `GET ?name=…&type=…`, `accept: application/dns-json`. The answers of the asked type, [] for NXDOMAIN.
 */
async function ask(resolverUrl: string, name: string, type: keyof typeof recordType): Promise<string[]> {
  const url = new URL(resolverUrl);
  url.searchParams.set('name', name);
  url.searchParams.set('type', type);
  let answer: DnsJsonAnswer;
  try {
    const response = await fetch(url, { headers: { accept: 'application/dns-json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    answer = (await response.json()) as DnsJsonAnswer;
  } catch (error) {
    throw new AppError('SERVICE_UNAVAILABLE', 'The DNS resolver could not be reached; try again', { cause: error });
  }
  if (answer.Status === nxDomain) return [];
  if (answer.Status !== 0) throw new AppError('SERVICE_UNAVAILABLE', `The DNS resolver answered status ${answer.Status}; try again`);
  // A CNAME chain comes back whole; only the records of the asked type are addresses (or texts).
  return (answer.Answer ?? []).filter((a) => a.type === recordType[type]).map((a) => a.data);
}

export class DohTxtResolver implements TxtResolver {
  constructor(private readonly resolverUrl: string) {}

  async txt(name: string): Promise<string[]> {
    return (await ask(this.resolverUrl, name, 'TXT')).map(joinTxtStrings);
  }
}

/** A and AAAA records over DNS-over-HTTPS, both asked at once. */
export class DohAddressResolver implements AddressResolver {
  constructor(private readonly resolverUrl: string) {}

  async addresses(name: string): Promise<string[]> {
    const [v4, v6] = await Promise.all([ask(this.resolverUrl, name, 'A'), ask(this.resolverUrl, name, 'AAAA')]);
    return [...v4, ...v6];
  }
}

/** `"part one" "part two"` → `part onepart two` (a TXT record is a list of quoted strings). */
function joinTxtStrings(data: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  return parts.length > 0 ? parts.join('') : data;
}
