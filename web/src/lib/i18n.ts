import { type Catalogue, en, type MessageKey } from '@/locales/en';

/**
 * The one way the app says something: `t('key', { name })`. English is shipped; a second locale is
 * a catalogue file of the same shape added to `catalogues`, picked from the browser's languages.
 */
const catalogues: Record<string, Catalogue> = { en };

function pickLocale(): string {
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of wanted) {
    const language = tag.split('-')[0] ?? '';
    if (catalogues[tag]) return tag;
    if (catalogues[language]) return language;
  }
  return 'en';
}

export const locale = pickLocale();
const messages: Catalogue = catalogues[locale] ?? en;

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
