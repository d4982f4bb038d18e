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
 * same HTML (links written as `label url`), so the two never say different things.
 */
export async function renderEmail(element: ReactElement, { subject, tag }: { subject: string; tag: string }): Promise<Rendered> {
  // React's server renderer and the HTML-to-text conversion are evaluated with the first mail an
  // isolate renders, not at every isolate's start-up.
  const { htmlAndText } = await import('./html-and-text.ts');
  const { html, text } = await htmlAndText(element);
  return { subject: oneLine(subject), html, text: `${text.trim()}\n`, tag };
}
