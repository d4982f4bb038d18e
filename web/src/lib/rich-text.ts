import { createElement, Fragment, type ReactNode } from 'react';
import type { MessageKey } from '@/locales/en';
import { t } from './i18n';

/**
 * A catalogue sentence with elements in it, so a translation can put them where its grammar wants:
 * `tRich('invitation.signInAs', { email: <strong>{email}</strong> })` for "Sign in as {email}.".
 */
export function tRich(key: MessageKey, params: Record<string, ReactNode>): ReactNode {
  const parts = t(key)
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in params ? params[name] : part;
    });
  return createElement(Fragment, null, ...parts);
}
