import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Notifications } from '@/components/ui/notifications';
import { meQueryKey } from '@/features/auth/api/get-me';
import { isApiError } from '@/lib/api-client';
import { queryConfig } from '@/lib/react-query';
import { addNotification } from '@/stores/notifications';

/** Every failed call surfaces here once, after its retries, with the id support needs. */
function reportError(queryClient: QueryClient, error: unknown) {
  if (isApiError(error)) {
    addNotification({ kind: 'error', message: error.message, requestId: error.requestId });
    // The session ended mid-use: the route guard sends the user to log in.
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') {
      queryClient.setQueryData(meQueryKey, null);
    }
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  addNotification({ kind: 'error', message: `Something went wrong: ${message}`, requestId: null });
}

function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: queryConfig,
    queryCache: new QueryCache({ onError: (error) => reportError(queryClient, error) }),
    mutationCache: new MutationCache({ onError: (error) => reportError(queryClient, error) }),
  });
  return queryClient;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Notifications />
    </QueryClientProvider>
  );
}
