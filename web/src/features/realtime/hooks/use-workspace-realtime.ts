import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PresenceEntry } from '../../../../../worker/kernel/realtime.ts';
import { createTicket, sendHeartbeat } from '../api/create-ticket';
import { type ConnectionState, RealtimeConnection } from '../lib/connection';
import { invalidateEverything, invalidateFor } from '../lib/invalidation';

/**
 * Follows the workspace live while its pages are open: hub messages mark queries stale (never fill
 * the cache), and who is online is kept here, outside the cache.
 */
export function useWorkspaceRealtime(slug: string | undefined): { state: ConnectionState; people: readonly PresenceEntry[] } {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [people, setPeople] = useState<readonly PresenceEntry[]>([]);

  useEffect(() => {
    if (!slug) return;
    setPeople([]);
    const connection = new RealtimeConnection(
      () => createTicket(slug),
      () => sendHeartbeat(slug),
      {
        onChange: (kind) => void invalidateFor(queryClient, slug, kind),
        onPresence: setPeople,
        onReconnect: () => void invalidateEverything(queryClient),
        onState: (next) => {
          setState(next);
          if (next === 'revoked') setPeople([]);
        },
      },
    );
    connection.start();
    return () => connection.stop();
  }, [slug, queryClient]);

  return { state, people };
}
