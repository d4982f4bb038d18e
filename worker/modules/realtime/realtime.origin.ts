import type { PresentedCredential } from '../../kernel/credential.ts';
import { AppError } from '../../kernel/errors.ts';

/**
 * A browser sends its cookies with a WebSocket handshake from any site (cross-site WebSocket
 * hijacking), and the handshake is a GET the CSRF link lets through. So a connection that carries the
 * session cookie must come from one of our own origins; `null` (a sandboxed frame, a file) and
 * look-alikes are refused before anything is upgraded. Bearer credentials carry no ambient authority.
 */
export function assertSocketOrigin(
  credential: PresentedCredential | null,
  headers: { origin: string | undefined; fetchSite: string | undefined },
  trusted: readonly string[],
): void {
  if (credential?.kind !== 'session') return;
  const { origin, fetchSite } = headers;
  // Browsers send Origin with every WebSocket handshake; a same-origin EventSource may send none,
  // and then says where it comes from in Sec-Fetch-Site. A client with neither is not a browser.
  const foreign = origin !== undefined ? !trusted.includes(origin) : fetchSite !== undefined && fetchSite !== 'same-origin';
  if (foreign) throw new AppError('CSRF_REJECTED', 'Cross-site connection refused: open it from the app');
}
