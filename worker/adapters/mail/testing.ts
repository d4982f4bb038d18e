import { env } from 'cloudflare:workers';

/**
 * Test support for the mail adapters (imported by tests only): the local Resend and Postmark
 * stand-ins (scripts/mail-fakes) that the global test setup starts and vitest.config.mts binds.
 */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const bindings = env as unknown as Record<string, string>;
export const resendUrl = bindings.RESEND_API_URL as string;
export const resendKey = bindings.RESEND_API_KEY as string;
export const postmarkUrl = bindings.POSTMARK_API_URL as string;
export const postmarkToken = bindings.POSTMARK_SERVER_TOKEN as string;

/** Everything the stand-in at `baseUrl` received that mentions `marker` (a unique address or subject). */
export async function receivedFor(baseUrl: string, marker: string): Promise<Received[]> {
  const all = (await (await fetch(`${baseUrl}/__received`)).json()) as Received[];
  return all.filter((r) => JSON.stringify(r.body).includes(marker));
}

export const uniqueAddress = (local = 'user') => `${local}+${crypto.randomUUID().slice(0, 8)}@example.com`;
