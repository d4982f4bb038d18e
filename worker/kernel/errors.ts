/**
 * The one error type of the app and its registry of codes. Every failure leaves the worker as
 * `{ error: { code, message, fields?, request_id } }` with the status mapped here.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_QUERY_PARAMETER: 400,
  INVALID_ENCODING: 400,
  INVALID_CURSOR: 400,
  INVALID_GRANT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_INVALID: 401,
  SIGN_IN_CHALLENGE_INVALID: 401,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  INSUFFICIENT_SCOPE: 403,
  CREDENTIAL_CANNOT_MINT: 403,
  BROWSER_SESSION_REQUIRED: 403,
  CSRF_REJECTED: 403,
  REAUTHENTICATION_REQUIRED: 403,
  REALTIME_TICKET_INVALID: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  EXPORT_NOT_READY: 409,
  ALREADY_MEMBER: 409,
  ALREADY_SUBSCRIBED: 409,
  NO_BILLING_ACCOUNT: 409,
  WEBHOOK_SIGNATURE_INVALID: 400,
  INVITE_PENDING: 409,
  TEAM_NAME_TAKEN: 409,
  LAST_OWNER: 409,
  INVITE_EMAIL_MISMATCH: 403,
  INVITE_EXPIRED: 410,
  INVITE_USED: 410,
  INVITE_REVOKED: 410,
  MFA_ALREADY_ENABLED: 409,
  MFA_NOT_ENABLED: 409,
  GONE: 410,
  WORKSPACE_DELETED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  WORKSPACE_SUSPENDED: 423,
  PASSKEY_REJECTED: 422,
  UPGRADE_REQUIRED: 426,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  BAD_ENVIRONMENT: 500,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  OVERLOADED: 503,
  SOLE_OWNER: 409,
  REAUTHENTICATION_FAILED: 403,
  LINK_EXPIRED: 410,
  INVALID_TOKEN: 400,
  EMAIL_NOT_VERIFIED: 403,
  LOGIN_LOCKED: 429,
  SECOND_FACTOR_REQUIRED: 403,
  OAUTH_STATE_INVALID: 400,
  OAUTH_PROVIDER_ERROR: 502,
  OAUTH_EMAIL_UNVERIFIED: 403,
  OAUTH_ACCOUNT_EXISTS: 409,
  IDENTITY_TAKEN: 409,
  PROVIDER_ALREADY_LINKED: 409,
  LAST_SIGN_IN_METHOD: 409,
  SSO_DOMAIN_MISMATCH: 403,
  DOMAIN_TAKEN: 409,
  DOMAIN_NOT_VERIFIED: 409,
  FILE_NOT_UPLOADED: 409,
  FILE_NOT_READY: 409,
  FILE_QUARANTINED: 409,
  FILE_MISMATCH: 422,
  CSV_INVALID: 422,
  TRIAL_ENDED: 402,
  TRIAL_ALREADY_EXTENDED: 409,
  NO_TRIAL: 409,
  PLAN_REQUIRED: 402,
  LIMIT_REACHED: 402,
  NOTIFICATION_REQUIRED: 409,
  FEATURE_DISABLED: 403,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldErrors = Record<string, string[]>;

/**
 * What a billing refusal names, so a client can offer the way out: the plan that unlocks the feature
 * or the limit (PLAN_REQUIRED, LIMIT_REACHED), or that a plan must be chosen at all (TRIAL_ENDED).
 */
export interface UpgradeHint {
  reason: 'trial_ended' | 'feature' | 'limit';
  /** The cheapest plan that unlocks it; absent when any paid plan does. */
  plan?: string;
  feature?: string;
  limit?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly upgrade: UpgradeHint | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; headers?: Record<string, string>; upgrade?: UpgradeHint; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers;
    this.upgrade = options.upgrade;
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }
}

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; upgrade?: UpgradeHint; request_id: string };
}

export function toEnvelope(error: AppError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.upgrade ? { upgrade: error.upgrade } : {}),
      request_id: requestId,
    },
  };
}
