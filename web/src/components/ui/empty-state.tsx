import { Inbox } from 'lucide-react';
import { Link } from 'react-router';
import { Button, buttonClass } from './button';

/** The one thing to do next: on this page (a button) or on another page (a link). */
export type EmptyStateAction = { label: string; onClick: () => void; isLoading?: boolean } | { label: string; to: string };

const headings = { 1: 'h1', 2: 'h2', 3: 'h3' } as const;

/**
 * What a list, or a page, shows when it has nothing to show: a short title, one sentence of
 * context and one primary action. `action` is null only where the viewer may not add anything.
 */
export function EmptyState({
  title,
  description,
  action,
  level = 2,
}: {
  title: string;
  description: string;
  action: EmptyStateAction | null;
  /** The title's heading level, so it fits the headings around it. */
  level?: keyof typeof headings;
}) {
  const Title = headings[level];
  return (
    <div
      className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-border px-4 py-10 text-center"
      data-testid="empty-state"
    >
      <Inbox aria-hidden="true" className="size-8 text-muted" />
      <Title className="text-base font-semibold">{title}</Title>
      <p className="max-w-prose text-sm text-muted">{description}</p>
      {action ? (
        <div className="mt-2">
          {'to' in action ? (
            <Link className={buttonClass()} to={action.to}>
              {action.label}
            </Link>
          ) : (
            <Button isLoading={action.isLoading ?? false} onClick={action.onClick}>
              {action.label}
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
