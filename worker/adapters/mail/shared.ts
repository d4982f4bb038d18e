import { AppError } from '../../kernel/errors.ts';
import { MAIL_TIMEOUT_MS } from '../../kernel/mailer.ts';

/**
 * POSTs JSON to a provider and reads its JSON answer. A network failure or timeout is a 503 naming
 * the provider only: request headers (which carry the secret) never reach a message.
 */
export async function postJson(
  provider: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; ok: boolean; json: Record<string, unknown> | null }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(MAIL_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new AppError('SERVICE_UNAVAILABLE', `${provider} is unreachable, try again shortly`, { cause });
  }
  const text = await response.text();
  let json: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: response.status, ok: response.ok, json };
}

/** The provider's own explanation, cut to one short line, with the secret removed should it echo it. */
export function providerMessage(value: unknown, secret: string): string {
  if (typeof value !== 'string' || !value.trim()) return 'no explanation given';
  const line = value.replace(/\s+/g, ' ').trim().slice(0, 300);
  return secret ? line.split(secret).join('[redacted]') : line;
}

/** A base URL without its trailing slashes, so `${base}/emails` has exactly one. */
export const trimBase = (url: string) => url.replace(/\/+$/, '');
