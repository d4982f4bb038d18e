import { createContext, useContext } from 'react';
import type { MeResponse } from '../api/get-me';

/** Set by the signed-in route guard, so screens below it never see a missing session. */
export const SessionContext = createContext<MeResponse | null>(null);

export function useSession(): MeResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside the signed-in routes');
  return session;
}
