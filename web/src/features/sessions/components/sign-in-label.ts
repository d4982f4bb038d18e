import type { Session } from '../api/get-sessions';

/** What the person recognises a sign-in by: the browser, or the name the app gave (else its user agent). */
export function signInName(session: Session): string {
  if (session.kind === 'browser') return session.device;
  if (session.client) return session.client;
  return session.device === 'Unknown device' ? 'Unnamed app' : session.device;
}

export const signInKindLabel: Record<Session['kind'], string> = {
  browser: 'Browser',
  app: 'CLI / app sign-in',
};
