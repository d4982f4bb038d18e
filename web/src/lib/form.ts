import { zodResolver } from '@hookform/resolvers/zod';
import type { Ref, RefCallback } from 'react';
import { type FieldPath, type FieldValues, type UseFormProps, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { fieldErrorsOf } from './api-client';
import { fieldSentence } from './field-messages';

/**
 * The app's one way to build a form (docs/decisions/046-one-schema-for-form-and-route.md): React
 * Hook Form validating with the zod schema the API route validates the same body with (a module's
 * `worker/modules/<m>/<m>.input.ts`), so a field the browser refuses is refused with the server's
 * words. `errorsOf(name)` is what shows under a field: the browser's finding, said as a sentence
 * the same way the API's is (lib/field-messages.ts), or else what the API answered for it.
 */
export function useSchemaForm<Input extends FieldValues, Output extends FieldValues>(
  schema: z.ZodType<Output, Input>,
  options: Omit<UseFormProps<Input, unknown, Output>, 'resolver'> & { serverError?: unknown } = {},
) {
  const { serverError, ...formOptions } = options;
  const form = useForm<Input, unknown, Output>({ ...formOptions, resolver: zodResolver(schema) });
  const serverFields = fieldErrorsOf(serverError);
  const errorsOf = (name: FieldPath<Input>): string[] | undefined => {
    const message = form.getFieldState(name, form.formState).error?.message;
    if (message) return [fieldSentence(name, message)];
    return serverFields[name];
  };
  return { ...form, errorsOf };
}

/** One element, several refs: the form's registration and a caller's (to focus the field from outside). */
export function mergeRefs<T>(...refs: Array<Ref<T> | undefined>): RefCallback<T> {
  return (element) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(element);
      else if (ref) ref.current = element;
    }
  };
}

/** An empty optional text field is left out of the body rather than sent as "" (`register(name, { setValueAs })`). */
export const blankAsMissing = (value: string) => value.trim() || undefined;

/** People type codes as they read them ("123 456"); the digits alone are checked and sent (`register(name, { setValueAs })`). */
export const withoutSpaces = (value: string) => value.replace(/\s/g, '');
