import { useIsMutating } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { paths } from '@/config/paths';
import { checklistHref } from '@/config/workspace-features';
import { useOnboarding } from '../api/get-onboarding';

/** Says so, above everything, when the workspace is a demo full of sample data. */
export function DemoBanner({ slug }: { slug: string }) {
  const onboarding = useOnboarding(slug);
  if (!onboarding.data?.demo) return null;
  return (
    <div className="page">
      <div className="banner" role="note" data-testid="demo-banner">
        <div className="banner__body">
          <p className="banner__message">
            <Badge>Demo</Badge> This is a demo workspace with sample data. Look around, change anything; when you are ready,{' '}
            <Link to={paths.workspaces.new.getHref()}>create your own workspace</Link>.
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
    <div className="page">
      <section className="card checklist" aria-labelledby="getting-started">
        <h2 className="panel__title" id="getting-started">
          Getting started{' '}
          <span className="muted small">
            ({doneCount} of {state.items.length} done)
          </span>
        </h2>
        <ul className="checklist__items" aria-label="Getting started">
          {state.items.map((item) => {
            const href = links[item.id] ?? checklistHref(item.id, slug);
            return (
              <li
                key={item.id}
                className={`checklist__item${item.done ? ' checklist__item--done' : ''}`}
                data-testid="checklist-item"
                data-done={item.done}
              >
                <span className="checklist__mark" aria-hidden="true">
                  {item.done ? '✓' : '○'}
                </span>
                {href && !item.done ? <Link to={href}>{item.title}</Link> : <span>{item.title}</span>}
                {item.done ? <span className="sr-only"> (done)</span> : null}
                {item.id === 'invite_teammate' && !item.done ? (
                  <span className="muted small">add someone to this workspace to work together</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
