import type { ErrorEnvelope, FieldErrors } from '@/types/api';

/**
 * The only place the app talks HTTP. Every fetcher in `features/*\/api` goes through `api`, so a
 * later switch to `hc<AppType>` from `hono/client` touches this file and the fetchers only.
 */

export const API_BASE = '/api/v1';

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
  requestId: string | null;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the request never got a response. */
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly requestId: string | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function fieldErrorsOf(error: unknown): FieldErrors {
  return isApiError(error) ? error.fields : {};
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return (
    isRecord(value) &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string'))
  );
}

function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  const { code, message, fields } = value.error;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    (fields === undefined || isFieldErrors(fields))
  );
}

/** Parses a body as JSON; `undefined` for an empty body, throws on anything else unreadable. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  return JSON.parse(text) as unknown;
}

// The API always answers with the envelope, so a bare error comes from something in front of it.
function fallbackMessage(status: number): string {
  if (status >= 500) return `The server is unavailable (HTTP ${status}). Please try again.`;
  return `The API is not reachable at this address (HTTP ${status}).`;
}

async function toApiError(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('X-Request-ID');
  let body: unknown;
  try {
    body = await readJson(response);
  } catch {
    body = undefined;
  }
  if (isErrorEnvelope(body)) {
    const { code, message, fields, request_id } = body.error;
    return new ApiError({
      status: response.status,
      code,
      message,
      ...(fields ? { fields } : {}),
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

async function request(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    // Cancellation is not a failure; TanStack Query expects the original abort error.
    if (options.signal?.aborted) throw error;
    throw new ApiError({
      status: 0,
      code: clientErrorCodes.network,
      message: 'Could not reach the server. Check your connection and try again.',
      requestId: null,
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined;

  try {
    return await readJson(response);
  } catch {
    throw new ApiError({
      status: response.status,
      code: clientErrorCodes.invalidResponse,
      message: 'The server sent a response the app could not read. Is the API running?',
      requestId: response.headers.get('X-Request-ID'),
    });
  }
}

type BodyOptions = Omit<RequestOptions, 'body'>;

// Response types are trusted, not validated: they mirror the contract in `@/types/api`.
export const api = {
  get: <T>(path: string, options?: BodyOptions) => request('GET', path, options) as Promise<T>,
  post: <T = void>(path: string, body?: unknown, options?: BodyOptions) =>
    request('POST', path, { ...options, body }) as Promise<T>,
  patch: <T>(path: string, body: unknown, options?: BodyOptions) =>
    request('PATCH', path, { ...options, body }) as Promise<T>,
  delete: (path: string, options?: BodyOptions) =>
    request('DELETE', path, options) as Promise<void>,
};

/** Encodes one path segment taken from user data or the URL. */
export const seg = (value: string) => encodeURIComponent(value);
