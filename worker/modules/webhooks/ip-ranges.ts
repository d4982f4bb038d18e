/**
 * Which IP addresses a webhook may never reach: everything that is not the public internet. Works on
 * the canonical text the WHATWG URL parser and DNS answers give (dotted-quad IPv4, IPv6 in hex groups).
 */

type Range4 = readonly [first: number, prefix: number, why: string];

const ipv4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

const refused4: readonly Range4[] = [
  [ipv4(0, 0, 0, 0), 8, 'unspecified'],
  [ipv4(10, 0, 0, 0), 8, 'private'],
  [ipv4(100, 64, 0, 0), 10, 'carrier-grade NAT'],
  [ipv4(127, 0, 0, 0), 8, 'loopback'],
  [ipv4(169, 254, 0, 0), 16, 'link-local (cloud metadata)'],
  [ipv4(172, 16, 0, 0), 12, 'private'],
  [ipv4(192, 0, 0, 0), 24, 'protocol assignments'],
  [ipv4(192, 0, 2, 0), 24, 'documentation'],
  [ipv4(192, 88, 99, 0), 24, '6to4 relay'],
  [ipv4(192, 168, 0, 0), 16, 'private'],
  [ipv4(198, 18, 0, 0), 15, 'benchmarking'],
  [ipv4(198, 51, 100, 0), 24, 'documentation'],
  [ipv4(203, 0, 113, 0), 24, 'documentation'],
  [ipv4(224, 0, 0, 0), 4, 'multicast'],
  [ipv4(240, 0, 0, 0), 4, 'reserved or broadcast'],
];

const inRange4 = (address: number, [first, prefix]: Range4) =>
  prefix === 0 ? true : address >>> (32 - prefix) === first >>> (32 - prefix);

/** `a.b.c.d` with four decimal parts 0–255, as a 32-bit number; null for anything else. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
  return ipv4(a, b, c, d);
}

/** IPv6 text (compressed or not, with or without a dotted IPv4 tail) as eight 16-bit groups; null if not IPv6. */
export function parseIpv6(text: string): number[] | null {
  let body = text.toLowerCase();
  if (body.includes('%')) return null;
  const lastColon = body.lastIndexOf(':');
  if (lastColon < 0) return null;
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === null) return null;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => Number.parseInt(g, 16));
}

function refusedIpv4(address: number): string | null {
  return refused4.find((range) => inRange4(address, range))?.[2] ?? null;
}

const embedded4 = (high: number, low: number) => ((high << 16) | low) >>> 0;

function refusedIpv6(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  if (zeroUpTo(5) && g5 === 0xffff) return 'IPv4-mapped';
  if (zeroUpTo(6)) return 'IPv4-compatible';
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return refusedIpv4(embedded4(g6, g7)) ? 'NAT64 of a refused IPv4 address' : null;
  }
  if (g0 === 0x2002) return refusedIpv4(embedded4(g1, g2)) ? '6to4 of a refused IPv4 address' : null;
  if ((g0 & 0xfe00) === 0xfc00) return 'unique local (cloud metadata included)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if (g0 === 0x2001 && g1 === 0) return 'Teredo';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard';
  return null;
}

/**
 * Why an address may not be reached (`'loopback'`, `'private'`…), null for a public one. Text that
 * is no IP address at all is refused too: only a parsed address can be judged.
 */
export function refusedAddress(text: string): string | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = parseIpv4(bare);
  if (v4 !== null) return refusedIpv4(v4);
  const v6 = parseIpv6(bare);
  if (v6 !== null) return refusedIpv6(v6);
  return 'not an IP address';
}
