import { isApiError } from '@/lib/api-client';
import { isUnexpectedError, messageOf, requestIdOf, upgradeOf } from '@/lib/errors';
import { Banner } from './banner';
import { RequestId } from './request-id';
import { UpgradePrompt } from './upgrade-prompt';

/**
 * A failed form submission's banner: only for what no field shows. When every error the API named
 * belongs to a field the form renders, the fields say it and there is no banner, so nothing is
 * said twice. Errors about the whole body (`_`) are listed here as sentences. A refusal for the
 * plan is an upgrade prompt.
 */
export function FormError({ error, shown }: { error: unknown; shown: readonly string[] }) {
  if (!error) return null;
  if (upgradeOf(error)) return <UpgradePrompt error={error} />;
  const fields = isApiError(error) ? error.fields : {};
  const named = Object.keys(fields);
  const rest = Object.entries(fields).filter(([field]) => !shown.includes(field));
  if (named.length > 0 && rest.length === 0) return null;
  const restMessages = rest.flatMap(([, messages]) => messages);
  return (
    <Banner tone="error">
      {restMessages.length > 0 ? (
        <ul className="flex flex-col gap-1">
          {[...new Set(restMessages)].map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p>{messageOf(error)}</p>
      )}
      {isUnexpectedError(error) ? <RequestId requestId={requestIdOf(error)} /> : null}
    </Banner>
  );
}
