import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { cn } from '@/lib/cn';
import { Input, NativeSelect, Textarea } from './input';

/**
 * A short form on one row from `sm` up, stacked on phones. Fields grow and line up by their tops, so a
 * hint under one field does not push the others down; the buttons (a child without a label) sit as
 * far down as one label line and its gap, level with the controls.
 */
export const inlineFormClass =
  'flex min-w-0 flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start sm:[&>div:has(>label)]:min-w-48 sm:[&>div:has(>label)]:flex-1 sm:[&>div:not(:has(>label))]:mt-6.5';

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

/** Label, hint and errors around one control, wired up for screen readers; errors sit under the field. */
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
    <div className={cn('flex min-w-0 flex-col gap-1.5', className)}>
      <label className="text-sm font-medium" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': hasErrors || undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint ? (
        <p className="text-sm text-muted" id={hintId}>
          {hint}
        </p>
      ) : null}
      {hasErrors ? (
        <ul className="text-sm text-danger" id={errorId}>
          {[...new Set(errors)].map((message) => (
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
      {(a11y) => <Input {...props} {...a11y} />}
    </Field>
  );
}

type TextareaProps = FieldOwnProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { ref?: Ref<HTMLTextAreaElement> };

export function TextareaField({ label, hint, errors, className, ...props }: TextareaProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(a11y) => <Textarea {...props} {...a11y} />}
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
        <NativeSelect {...props} {...a11y}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </NativeSelect>
      )}
    </Field>
  );
}
