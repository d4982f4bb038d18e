import { AppError } from '../../kernel/errors.ts';
import type { TxtResolver } from '../../kernel/dns.ts';

interface DnsJsonAnswer {
  Status: number;
  Answer?: Array<{ name: string; type: number; data: string }>;
}

const txtType = 16;
const nxDomain = 3;

/**
 * DNS over HTTPS with the JSON API that Cloudflare (https://cloudflare-dns.com/dns-query) and Google
 * (https://dns.google/resolve) both speak: `GET ?name=…&type=TXT`, `accept: application/dns-json`.
 */
export class DohTxtResolver implements TxtResolver {
  constructor(private readonly resolverUrl: string) {}

  async txt(name: string): Promise<string[]> {
    const url = new URL(this.resolverUrl);
    url.searchParams.set('name', name);
    url.searchParams.set('type', 'TXT');
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
    return (answer.Answer ?? []).filter((a) => a.type === txtType).map((a) => joinTxtStrings(a.data));
  }
}

/** `"part one" "part two"` → `part onepart two` (a TXT record is a list of quoted strings). */
function joinTxtStrings(data: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  return parts.length > 0 ? parts.join('') : data;
}
