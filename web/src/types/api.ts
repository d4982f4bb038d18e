/**
 * What the app needs of the HTTP API that its routes do not declare. Everything else (requests,
 * responses, roles, statuses) is inferred from the worker's `AppType` through `hc` from
 * `hono/client`; see `@/lib/api-client` and the fetchers in `features/*\/api`.
 */

/** Messages per input field, keyed by the wire name of the field. */
export type FieldErrors = Record<string, string[]>;

/** The body of every non-2xx answer; the routes declare error statuses without a body schema. */
export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fields?: FieldErrors;
    upgrade?: UpgradeHint;
    request_id: string;
  };
}

/** What a billing refusal names (TRIAL_ENDED, PLAN_REQUIRED, LIMIT_REACHED): the plan that unlocks it. */
export interface UpgradeHint {
  reason: 'trial_ended' | 'feature' | 'limit';
  plan?: string;
  feature?: string;
  limit?: string;
}
