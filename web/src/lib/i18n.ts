import { type Catalogue, en, type MessageKey } from '@/locales/en';

/**
 * The one way the app says something: `t('key', { name })`. Every file in `locales/` is a locale,
 * named by the file (`de.ts` for German, `pt-BR.ts`), exporting its sentences as `catalogue`; a
 * second locale is one new file and no code change. A sentence it lacks is said in English. The
 * locale is picked from the browser's languages.
 */
const discovered = import.meta.glob<Partial<Catalogue>>('../locales/*.ts', { eager: true, import: 'catalogue' });
const catalogues: Record<string, Partial<Catalogue>> = Object.fromEntries(
  Object.entries(discovered).map(([file, catalogue]) => [file.replace(/^.*\/([^/]+)\.ts$/, '$1'), catalogue]),
);

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
const messages: Partial<Catalogue> = catalogues[locale] ?? en;

const numbers = new Intl.NumberFormat(locale);

/** The message `key` in the reader's language, its `{name}` parameters filled in; numbers as the language writes them (20,000). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? numbers.format(value) : String(value);
  });
}
