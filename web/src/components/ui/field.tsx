import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

interface FieldOwnProps {
  label: string;
  hint?: ReactNode;
  errors?: string[] | undefined;
}

interface ControlA11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Label, hint and server-side errors around one control, wired up for screen readers. */
function Field({
  label,
  hint,
  errors,
  className,
  children,
}: FieldOwnProps & { className?: string | undefined; children: (a11y: ControlA11y) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': hasErrors || undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {hasErrors ? (
        <ul className="field__errors" id={errorId}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type InputProps = FieldOwnProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { ref?: Ref<HTMLInputElement> };

export function TextField({ label, hint, errors, className, ...props }: InputProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(a11y) => <input className="input" {...props} {...a11y} />}
    </Field>
  );
}

type TextareaProps = FieldOwnProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextareaField({ label, hint, errors, className, ...props }: TextareaProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(a11y) => <textarea className="input input--textarea" {...props} {...a11y} />}
    </Field>
  );
}

type SelectProps = FieldOwnProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    ref?: Ref<HTMLSelectElement>;
    options: ReadonlyArray<{ value: string; label: string }>;
  };

export function SelectField({ label, hint, errors, className, options, ...props }: SelectProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(a11y) => (
        <select className="input input--select" {...props} {...a11y}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
