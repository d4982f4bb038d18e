import { formatDate } from '@/lib/format';

/** Shown on every page of a suspended workspace: it can be read, not changed. */
export function SuspendedBanner({ since }: { since: string }) {
  return (
    <div className="banner banner--warning" role="status" data-testid="suspended-banner">
      <div className="banner__body">
        <p className="banner__message">This workspace is suspended and read-only.</p>
        <p>Since {formatDate(since)} you can look at everything here, but changes are refused.</p>
      </div>
    </div>
  );
}
