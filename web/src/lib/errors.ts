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
