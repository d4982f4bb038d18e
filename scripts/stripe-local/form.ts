/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with brackets for nesting
 * (`metadata[plan]=pro`, `line_items[0][price]=price_…`, `lookup_keys[]=pro_monthly`,
 * `expand[0]=…`). Decoded into plain objects and arrays of strings; numbers stay strings, as Stripe
 * receives them.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export function decodeForm(params: URLSearchParams): FormObject {
  const root: FormObject = {};
  for (const [name, value] of params) {
    const [head, ...rest] = name.split('[');
    const path = [head ?? '', ...rest.map((part) => part.replace(/\]$/, ''))];
    assign(root, path, value);
  }
  return listsFromIndexes(root) as FormObject;
}

function assign(target: FormObject, path: string[], value: string) {
  let node: FormObject = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const next = node[key];
    if (typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as FormObject;
  }
  const last = path[path.length - 1] as string;
  if (last === '') {
    // `key[]=a&key[]=b`: append under the next free index
    node[String(Object.keys(node).length)] = value;
  } else {
    node[last] = value;
  }
}

/** Objects whose keys are 0..n-1 become arrays (`line_items[0][price]`). */
function listsFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = listsFromIndexes(value[key] as FormValue);
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) return keys.map((key) => converted[key] as FormValue);
  return converted;
}

export const formString = (value: FormValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export const formObject = (value: FormValue | undefined): FormObject =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

export const formList = (value: FormValue | undefined): FormValue[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** `metadata[...]`: string values only, as Stripe keeps them. */
export function formMetadata(value: FormValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(formObject(value))) if (typeof entry === 'string') out[key] = entry;
  return out;
}
