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
    <div className="empty-state" data-testid="empty-state">
      <Title className="empty-state__title">{title}</Title>
      <p className="empty-state__text">{description}</p>
      {action ? (
        <div className="empty-state__action">
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
