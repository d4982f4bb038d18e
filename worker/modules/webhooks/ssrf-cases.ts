import { newUuid } from '../../kernel/ids.ts';
import { publishAddress } from './webhooks.test-helpers.ts';

/**
 * Test support: the hostile URLs the webhook URL guard must refuse, and some it must accept, under a
 * fresh DNS zone whose records `publishZone` puts in the DNS-over-HTTPS stand-in.
 */
export const zone = `${newUuid().slice(-12)}.example`;

export const hostile: ReadonlyArray<readonly [url: string, what: string]> = [
  ['https://127.0.0.1/', 'loopback'],
  ['https://2130706433/', 'loopback, one decimal number'],
  ['https://017700000001/', 'loopback, one octal number'],
  ['https://0x7f000001/', 'loopback, one hex number'],
  ['https://0177.0.0.1/', 'loopback, octal first part'],
  ['https://0x7f.1/', 'loopback, hex short form'],
  ['https://0x7f.0x0.0x0.0x1/', 'loopback, hex parts'],
  ['https://127.1/', 'loopback, short form'],
  ['https://127.0.0.1./', 'loopback, trailing dot'],
  ['https://%31%32%37.0.0.1/', 'loopback, percent-encoded'],
  ['https://127。0。0。1/', 'loopback, ideographic full stops'],
  ['https://good@127.0.0.1/', 'userinfo trick'],
  ['https://hooks.example.com@127.0.0.1/', 'userinfo trick with a domain'],
  ['https://user:secret@93.184.216.34/', 'credentials in the URL'],
  ['https://[::1]/', 'IPv6 loopback'],
  ['https://[::]/', 'IPv6 unspecified'],
  ['https://0.0.0.0/', 'unspecified'],
  ['https://0/', 'unspecified, one number'],
  ['https://[::ffff:127.0.0.1]/', 'IPv4-mapped loopback'],
  ['https://[::ffff:7f00:1]/', 'IPv4-mapped loopback, hex'],
  ['https://[::ffff:169.254.169.254]/', 'IPv4-mapped metadata'],
  ['https://[::127.0.0.1]/', 'IPv4-compatible loopback'],
  ['https://[64:ff9b::a00:1]/', 'NAT64 of a private address'],
  ['https://[2002:7f00:1::]/', '6to4 of loopback'],
  ['https://localhost/', 'localhost'],
  ['https://LOCALHOST./', 'localhost, upper case with trailing dot'],
  ['https://api.localhost/', 'a .localhost name'],
  ['https://169.254.169.254/latest/meta-data/', 'cloud metadata'],
  ['https://[fd00:ec2::254]/', 'AWS IPv6 metadata'],
  ['https://metadata.google.internal/computeMetadata/v1/', 'Google metadata'],
  ['https://10.0.0.1/', 'private 10/8'],
  ['https://172.16.5.4/', 'private 172.16/12'],
  ['https://172.31.255.255/', 'private 172.16/12, top'],
  ['https://192.168.1.1/', 'private 192.168/16'],
  ['https://100.64.0.1/', 'CGNAT'],
  ['https://100.127.255.254/', 'CGNAT, top'],
  ['https://169.254.1.1/', 'link-local'],
  ['https://[fe80::1]/', 'IPv6 link-local'],
  ['https://[fc00::1]/', 'IPv6 unique local'],
  ['https://224.0.0.1/', 'multicast'],
  ['https://[ff02::1]/', 'IPv6 multicast'],
  ['https://255.255.255.255/', 'broadcast'],
  ['http://93.184.216.34/', 'plain http outside development'],
  ['ftp://93.184.216.34/', 'not http'],
  ['hooks.example.com/path', 'not an absolute URL'],
  [`https://private.${zone}/`, 'a name that resolves to a private address'],
  [`https://loopback6.${zone}/`, 'a name whose AAAA record is loopback'],
  [`https://mixed.${zone}/`, 'a name with one public and one loopback address'],
  [`https://cgnat.${zone}./`, 'a name with a trailing dot resolving to CGNAT'],
  [`https://nowhere.${zone}/`, 'a name that does not resolve'],
];

export const acceptable = [
  'https://93.184.216.34/hooks',
  'https://[2606:4700:4700::1111]/hooks',
  `https://hooks.${zone}/incoming?token=abc`,
  `https://HOOKS.${zone}./incoming`,
  `https://hooks.${zone}:8443/incoming`,
];

/** Publishes the zone's A and AAAA records. */
export async function publishZone() {
  await publishAddress(`private.${zone}`, 'A', '10.1.2.3');
  await publishAddress(`loopback6.${zone}`, 'AAAA', '::1');
  await publishAddress(`mixed.${zone}`, 'A', '93.184.216.34');
  await publishAddress(`mixed.${zone}`, 'A', '127.0.0.1');
  await publishAddress(`cgnat.${zone}`, 'A', '100.100.100.100');
  await publishAddress(`hooks.${zone}`, 'A', '93.184.216.34');
  await publishAddress(`hooks.${zone}`, 'AAAA', '2606:2800:220:1:248:1893:25c8:1946');
}
