import type { UpgradeHint } from '@/types/api';
import { isApiError } from './api-client';
import { t } from './i18n';

/**
 * An error people are meant to act on (a refused request, a bad field) versus one they can only
 * report: server faults and garbled answers. Only the second kind shows the request id.
 */
export function isUnexpectedError(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status >= 500 || error.code === 'INVALID_RESPONSE';
}

export function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message;
  return t('error.unexpected');
}

export function requestIdOf(error: unknown): string | null {
  return isApiError(error) ? error.requestId : null;
}

/** The billing refusals that an upgrade lifts; the app shows them as an upgrade prompt, never as a bare error. */
const upgradeCodes = new Set(['PLAN_REQUIRED', 'LIMIT_REACHED', 'TRIAL_ENDED']);

export function upgradeOf(error: unknown): UpgradeHint | null {
  if (!isApiError(error) || !upgradeCodes.has(error.code)) return null;
  return error.upgrade ?? { reason: error.code === 'TRIAL_ENDED' ? 'trial_ended' : error.code === 'LIMIT_REACHED' ? 'limit' : 'feature' };
}
