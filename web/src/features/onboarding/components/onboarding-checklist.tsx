import { Circle, CircleCheck } from 'lucide-react';
import { useIsMutating } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { paths } from '@/config/paths';
import { checklistHref } from '@/config/workspace-features';
import { useOnboarding } from '../api/get-onboarding';
import { t } from '@/lib/i18n';
import { tRich } from '@/lib/rich-text';
import { Card } from '@/components/ui/card';

/** Says so, above everything, when the workspace is a demo full of sample data. */
export function DemoBanner({ slug }: { slug: string }) {
  const onboarding = useOnboarding(slug);
  if (!onboarding.data?.demo) return null;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div
        className="flex flex-col gap-3 rounded-lg border border-primary/30 bg-subtle p-3 text-sm sm:flex-row sm:items-center"
        role="note"
        data-testid="demo-banner"
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="min-w-0 break-words">
            <Badge>{t('onboardingChecklist.demo')}</Badge>{' '}
            {tRich('onboardingChecklist.thisIsADemo', {
              link: <Link to={paths.workspaces.new.getHref()}>{t('onboardingChecklist.createYourOwnWorkspace')}</Link>,
            })}
          </p>
        </div>
      </div>
    </div>
  );
}

/**
 * The workspace's first-run checklist, each item read from real data; shown below the page until
 * every item is done (below, so it never shifts what the page itself shows). Not shown in a demo.
 */
export function OnboardingChecklist({ slug, canManageKeys }: { slug: string; canManageKeys: boolean }) {
  const onboarding = useOnboarding(slug);
  const { refetch } = onboarding;
  // Any change made in the workspace (a key, a feature's first record) may tick an item: re-read once it settles.
  const mutating = useIsMutating();
  useEffect(() => {
    if (mutating === 0) void refetch();
  }, [mutating, refetch]);

  const state = onboarding.data;
  if (!state || state.demo || state.completed) return null;
  const links: Record<string, string | null> = {
    invite_teammate: paths.workspace.members.getHref(slug),
    create_api_key: canManageKeys ? paths.workspace.apiKeys.getHref(slug) : null,
  };
  const doneCount = state.items.filter((item) => item.done).length;

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <Card aria-labelledby="getting-started">
        <h2 className="text-lg font-semibold" id="getting-started">
          {t('onboardingChecklist.gettingStarted')}{' '}
          <span className="text-sm text-muted">{t('onboardingChecklist.progress', { done: doneCount, total: state.items.length })}</span>
        </h2>
        <ul className="flex flex-col gap-2" aria-label={t('onboardingChecklist.gettingStarted')}>
          {state.items.map((item) => {
            const href = links[item.id] ?? checklistHref(item.id, slug);
            return (
              <li key={item.id} className="flex flex-wrap items-center gap-2" data-testid="checklist-item" data-done={item.done}>
                {item.done ? (
                  <CircleCheck aria-hidden="true" className="size-5 shrink-0 text-success" />
                ) : (
                  <Circle aria-hidden="true" className="size-5 shrink-0 text-muted" />
                )}
                {href && !item.done ? (
                  <Link to={href}>{item.title}</Link>
                ) : (
                  <span className={item.done ? 'text-muted line-through' : undefined}>{item.title}</span>
                )}
                {item.done ? <span className="sr-only"> {t('onboardingChecklist.done2')}</span> : null}
                {item.id === 'invite_teammate' && !item.done ? (
                  <span className="text-sm text-muted">{t('onboardingChecklist.addSomeoneToThis')}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}
