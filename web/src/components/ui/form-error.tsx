import { isApiError } from '@/lib/api-client';
import { RequestId } from './request-id';

/**
 * A failed form submission: the message, any field errors no input shows (`_` holds errors about
 * the whole body) and the request id. Field errors an input does show are rendered by the input.
 */
export function FormError({ error, shown }: { error: unknown; shown: readonly string[] }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const fields = isApiError(error) ? error.fields : {};
  const rest = Object.entries(fields).filter(([field]) => !shown.includes(field));
  return (
    <div className="banner banner--error" role="alert">
      <div className="banner__body">
        <p className="banner__message">{message}</p>
        {rest.length > 0 ? (
          <ul className="form-errors">
            {rest.flatMap(([field, messages]) =>
              messages.map((text) => <li key={`${field}:${text}`}>{field === '_' ? text : `${field}: ${text}`}</li>),
            )}
          </ul>
        ) : null}
        <RequestId requestId={isApiError(error) ? error.requestId : null} />
      </div>
    </div>
  );
}
