import { checkWebhookUrl, type UrlPolicy } from './ssrf-guard.ts';
import { parseRetryAfter } from './retry-schedule.ts';

export const TIMEOUT_MS = 10_000;
export const KEPT_RESPONSE_BYTES = 4096;

export interface AttemptOutcome {
  ok: boolean;
  /** The receiver said the endpoint is gone for good (410): it is disabled. */
  gone: boolean;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  retryAfterSeconds: number | null;
  durationMs: number;
}

/** The first bytes of a body, read no further (a receiver may answer with a lot). */
async function firstBytes(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all.subarray(0, limit));
}

/**
 * One POST to the endpoint: the URL is checked again first (its name may point elsewhere since it was
 * registered), a redirect is a failure and never followed, and after 10 seconds the attempt is over.
 */
export async function attemptDelivery(
  rawUrl: string,
  request: { body: string; headers: Record<string, string> },
  policy: UrlPolicy,
  timeoutMs = TIMEOUT_MS,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const failure = (error: string): AttemptOutcome => ({
    ok: false,
    gone: false,
    responseStatus: null,
    responseBody: null,
    error,
    retryAfterSeconds: null,
    durationMs: Date.now() - started,
  });
  let url: URL;
  try {
    url = await checkWebhookUrl(rawUrl, policy);
  } catch (error) {
    return failure(error instanceof Error ? error.message : String(error));
  }
  // The timer is cleared as soon as the answer is read: an invocation that makes many attempts would
  // otherwise hold one live 10-second timer per attempt, against the runtime's cap on active timers.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException('The endpoint did not answer in time', 'TimeoutError')), timeoutMs);
  let response: Response;
  let responseBody: string | null = null;
  try {
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'edge-saas-webhooks/1', ...request.headers },
        body: request.body,
        redirect: 'manual',
        signal: abort.signal,
      });
    } catch (error) {
      const timedOut = abort.signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
      return failure(
        timedOut
          ? `No answer within ${timeoutMs / 1000} s`
          : `Could not connect: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    try {
      responseBody = await firstBytes(response, KEPT_RESPONSE_BYTES);
    } catch {
      responseBody = null;
    }
  } finally {
    clearTimeout(timer);
  }
  const ok = response.status >= 200 && response.status < 300;
  const redirect = response.status >= 300 && response.status < 400;
  return {
    ok,
    gone: response.status === 410,
    responseStatus: response.status,
    responseBody,
    error: ok
      ? null
      : redirect
        ? `Redirect to ${response.headers.get('location') ?? '(no location)'} not followed`
        : `The endpoint answered ${response.status}`,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    durationMs: Date.now() - started,
  };
}
