import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { oneLine } from './layout.tsx';

/** A message ready for the `Mailer` (recipient added by the caller). */
export interface Rendered {
  subject: string;
  html: string;
  text: string;
  tag: string;
}

/**
 * Renders one React Email element into both parts: the HTML, and a plain-text part derived from the
 * same tree (links written as `label [url]`), so the two never say different things.
 */
export async function renderEmail(element: ReactElement, { subject, tag }: { subject: string; tag: string }): Promise<Rendered> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: oneLine(subject), html, text: `${text.trim()}\n`, tag };
}
