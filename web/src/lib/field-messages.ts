import type { MessageKey } from '@/locales/en';
import { t } from './i18n';

/**
 * The API's field errors as sentences people read. Its validator speaks zod ("Too small: expected
 * string to have >=1 characters"); its services speak in fragments about the field ("is
 * incorrect"). Known zod issue kinds become the catalogue's sentences; a fragment gets the field's
 * name in front; anything else is already a sentence and is kept.
 */
const zodIssues: Array<{ pattern: RegExp; key: (match: RegExpExecArray) => [MessageKey, Record<string, string | number>?] }> = [
  { pattern: /^Too small: expected string to have >=1 characters?$/, key: () => ['field.required'] },
  { pattern: /^Too small: expected string to have >=(\d+) characters$/, key: (m) => ['field.tooShort', { min: Number(m[1]) }] },
  { pattern: /^Too big: expected string to have <=(\d+) characters$/, key: (m) => ['field.tooLong', { max: Number(m[1]) }] },
  { pattern: /^Too small: expected (?:number|int) to be >=?(\S+)$/, key: (m) => ['field.tooSmallNumber', { min: m[1] ?? '' }] },
  { pattern: /^Too big: expected (?:number|int) to be <=?(\S+)$/, key: (m) => ['field.tooBigNumber', { max: m[1] ?? '' }] },
  { pattern: /^Too (?:small|big): expected array/, key: () => ['field.wrongCount'] },
  { pattern: /^Invalid input: expected \w+, received undefined$/, key: () => ['field.required'] },
  { pattern: /^Invalid input: expected /, key: () => ['field.invalid'] },
  { pattern: /^Invalid email address$/, key: () => ['field.email'] },
  { pattern: /^Invalid (?:URL|url)$/, key: () => ['field.url'] },
  { pattern: /^Invalid option: expected one of/, key: () => ['field.option'] },
  { pattern: /^Invalid string: must match pattern/, key: () => ['field.pattern'] },
  { pattern: /^Unrecognized keys?:/, key: () => ['field.unknown'] },
  { pattern: /^Invalid (?:input|string|format)/, key: () => ['field.invalid'] },
];

/** "password" → "The password", "client_secret" → "The client secret", "scopes.0" → "The scopes". */
function fieldNoun(field: string): string {
  const name = (field.split('.')[0] ?? field).replace(/_/g, ' ');
  return t('field.noun', { name });
}

export function fieldSentence(field: string, message: string): string {
  for (const { pattern, key } of zodIssues) {
    const match = pattern.exec(message);
    if (match) {
      const [messageKey, params] = key(match);
      return t(messageKey, params);
    }
  }
  const trimmed = message.trim();
  if (/^[a-z]/.test(trimmed) && field !== '_') return `${fieldNoun(field)} ${trimmed.replace(/\.$/, '')}.`;
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

export function fieldSentences(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages.map((m) => fieldSentence(field, m))]));
}
