import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Notifications } from '@/components/ui/notifications';
import { meQueryKey } from '@/features/auth/api/get-me';
import { isApiError } from '@/lib/api-client';
import { paths } from '@/config/paths';
import { upgradeOf } from '@/lib/errors';
import { queryConfig } from '@/lib/react-query';
import { addNotification } from '@/stores/notifications';
import { t } from '@/lib/i18n';

/** Every failed call passes here once, after its retries. */
function reportError(queryClient: QueryClient, error: unknown, shownInline: boolean) {
  // The session ended mid-use: the route guard sends the user to log in.
  if (isApiError(error) && error.status === 401 && error.code === 'UNAUTHENTICATED') {
    queryClient.setQueryData(meQueryKey, null);
  }
  if (shownInline) return;
  if (isApiError(error) && upgradeOf(error)) {
    const action = upgradeAction();
    addNotification({ kind: 'error', message: error.message, ...(action ? { action } : {}) });
    return;
  }
  if (isApiError(error)) {
    addNotification({ kind: 'error', message: error.message, requestId: error.requestId });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  addNotification({ kind: 'error', message: t('provider.somethingWentWrong', { message }), requestId: null });
}

/** A refusal for the plan shown as a toast still leads to the plans: the billing page of the workspace open. */
function upgradeAction() {
  const slug = /^\/w\/([^/]+)/.exec(window.location.pathname)?.[1];
  if (!slug) return undefined;
  return { label: t('upgrade.seePlans'), onClick: () => window.location.assign(paths.workspace.billing.getHref(decodeURIComponent(slug))) };
}

function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: queryConfig,
    queryCache: new QueryCache({
      onError: (error, query) =>
        reportError(
          queryClient,
          error,
          // Inline only while the screen has nothing else to show; a failed refetch still toasts.
          query.meta?.errorDisplay === 'inline' && query.state.data === undefined,
        ),
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => reportError(queryClient, error, mutation.meta?.errorDisplay === 'inline'),
    }),
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
