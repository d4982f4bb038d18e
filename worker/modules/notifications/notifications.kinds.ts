import { AppError } from '../../kernel/errors.ts';
import { notificationKinds } from '../assembly.ts';
import type { NotificationKind } from '../module.ts';

export type Channel = 'in_app' | 'email';
export type Digest = 'hourly' | 'daily';

/** A chatty kind's email comes in this digest until the person picks another. */
export const DEFAULT_DIGEST: Digest = 'daily';

/** Mail a person cannot turn off: what they must know about their account's safety and their bill. */
export const emailIsMandatory = (kind: NotificationKind) => kind.category === 'security' || kind.category === 'billing';

/** The declared kind, or 404 (an unknown kind in a path or a link names nothing). */
export function requireKind(name: string): NotificationKind {
  const kind = Object.hasOwn(notificationKinds(), name) ? notificationKinds()[name] : undefined;
  if (!kind) throw new AppError('NOT_FOUND', 'No such notification kind');
  return kind;
}
