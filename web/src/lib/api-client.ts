import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ErrorEnvelope, FieldErrors, UpgradeHint } from '@/types/api';
import type { AppType } from '../../../worker/app.ts';
import { fieldSentences } from './field-messages';
import { t } from '@/lib/i18n';

/**
 * The only place the app talks HTTP. Every fetcher in `features/*\/api` calls the typed `client`
 * (routes, params, query, bodies and responses come from the worker's `AppType`) and passes the
 * call to `unwrap`, which turns a non-2xx answer into an `ApiError` and a 2xx one into its body.
 */

/** Codes the client makes up itself when no error envelope could be read. */
export const clientErrorCodes = {
  network: 'NETWORK_ERROR',
  invalidResponse: 'INVALID_RESPONSE',
} as const;

interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  fields?: FieldErrors;
  upgrade?: UpgradeHint;
  requestId: string | null;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the request never got a response. */
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly requestId: string | null;
  /** On a billing refusal: the plan that unlocks what was refused. */
  readonly upgrade: UpgradeHint | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.upgrade = init.upgrade ?? null;
    this.requestId = init.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function fieldErrorsOf(error: unknown): FieldErrors {
  return isApiError(error) ? error.fields : {};
}

/**
 * Same-origin requests with the session cookie. A request that never gets a response becomes an
 * `ApiError` with status 0; a cancelled one keeps its abort error, which TanStack Query expects.
 */
const sameOriginFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  try {
    return await fetch(input, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (init?.signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      code: clientErrorCodes.network,
      message: t('apiClient.ts.couldNotReachThe'),
      requestId: null,
    });
  }
};

/** The typed API client: `client.api.v1.…` mirrors the worker's routes. */
export const client = hc<AppType>('/', {
  fetch: sameOriginFetch,
  headers: { Accept: 'application/json' },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return isRecord(value) && Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string'));
}

function isUpgradeHint(value: unknown): value is UpgradeHint {
  return isRecord(value) && typeof value.reason === 'string' && (value.plan === undefined || typeof value.plan === 'string');
}

function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  const { code, message, fields, upgrade } = value.error;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    (fields === undefined || isFieldErrors(fields)) &&
    (upgrade === undefined || isUpgradeHint(upgrade))
  );
}

/** What `unwrap` reads of a response; every `ClientResponse` has it. */
type RawResponse = Pick<Response, 'ok' | 'status' | 'headers' | 'text'>;

/** Parses a body as JSON; `undefined` for an empty body, throws on anything else unreadable. */
async function readJson(response: RawResponse): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  return JSON.parse(text) as unknown;
}

// The API always answers with the envelope, so a bare error comes from something in front of it.
function fallbackMessage(status: number): string {
  if (status >= 500) return `The server is unavailable (HTTP ${status}). Please try again.`;
  return `The API is not reachable at this address (HTTP ${status}).`;
}

async function toApiError(response: RawResponse): Promise<ApiError> {
  const headerRequestId = response.headers.get('X-Request-ID');
  let body: unknown;
  try {
    body = await readJson(response);
  } catch {
    body = undefined;
  }
  if (isErrorEnvelope(body)) {
    const { code, message, fields, upgrade, request_id } = body.error;
    return new ApiError({
      status: response.status,
      code,
      message,
      ...(fields ? { fields: fieldSentences(fields) } : {}),
      ...(upgrade ? { upgrade } : {}),
      requestId: typeof request_id === 'string' ? request_id : headerRequestId,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
    message: fallbackMessage(response.status),
    requestId: headerRequestId,
  });
}

/**
 * The body of the 2xx answers a route declares: its JSON, or `undefined` for 204 No Content.
 * Error statuses are dropped, since `unwrap` throws for them.
 */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends 204
      ? undefined
      : S extends SuccessStatusCode
        ? F extends 'json'
          ? T
          : unknown
        : never
    : never;

/**
 * Awaits a typed client call. Non-2xx answers throw an `ApiError` read from the error envelope
 * `{ error: { code, message, fields?, request_id } }`; 2xx answers return their typed JSON.
 * The body is trusted, not validated: its type is the worker's response schema.
 */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<SuccessBody<R>> {
  const response: RawResponse = await request;
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as SuccessBody<R>;

  try {
    return (await readJson(response)) as SuccessBody<R>;
  } catch {
    throw new ApiError({
      status: response.status,
      code: clientErrorCodes.invalidResponse,
      message: t('apiClient.ts.theServerSentA'),
      requestId: response.headers.get('X-Request-ID'),
    });
  }
}

/** Per-request options of the typed client: cancellation from TanStack Query. */
export const withSignal = (signal: AbortSignal | undefined) => (signal ? { init: { signal } } : {});

/** Encodes one path segment taken from user data or the URL (the client does not encode params). */
export const seg = (value: string) => encodeURIComponent(value);
