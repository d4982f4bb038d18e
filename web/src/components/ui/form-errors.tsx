import type { FieldErrors } from '@/types/api';

/** Server field errors that no input on the form shows; `_` holds errors about the whole body. */
export function FormErrors({ fields, shown }: { fields: FieldErrors; shown: readonly string[] }) {
  const rest = Object.entries(fields).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return (
    <ul className="form-errors">
      {rest.flatMap(([field, messages]) =>
        messages.map((message) => (
          <li key={`${field}:${message}`}>{field === '_' ? message : `${field}: ${message}`}</li>
        )),
      )}
    </ul>
  );
}
