import { useEffect } from 'react';
import { t } from './i18n';

/** Each page names its tab: "Members · Acme · Edge SaaS". */
export function useDocumentTitle(...parts: ReadonlyArray<string | null | undefined>) {
  const title = [...parts.filter(Boolean), t('app.name')].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
