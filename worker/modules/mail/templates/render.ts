// React's edge build alone ('react-dom/static.edge' requires one Fizz build), and React Email's
// text conversion alone: its `render` would also bundle prettier and a second, legacy copy of
// react-dom/server (docs/decisions/028-mail-rendering.md).
import { createElement, type ReactElement, Suspense } from 'react';
import { oneLine } from './layout.tsx';

// The renderer (React's server build, the HTML-to-text conversion) loads with the first message an
// isolate sends, not at start-up: most requests send none (ARCHITECTURE.md, Start-up).
let renderer: Promise<typeof import('./renderer.ts')> | undefined;
const loadRenderer = () => {
  renderer ??= import('./renderer.ts');
  return renderer;
};

/** A message ready for the `Mailer` (recipient added by the caller). */
export interface Rendered {
  subject: string;
  html: string;
  text: string;
  tag: string;
}

/** The doctype React Email gives every message (React's own `<!DOCTYPE html>` is replaced). */
const doctype = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * Renders one React Email element into both parts: the HTML, and a plain-text part derived from the
 * same HTML (links written as `label url`), so the two never say different things. The output is
 * exactly that of React Email's `render` (and of `render(…, { plainText: true })` for the text),
 * from one rendering instead of two; mail.test.ts holds the two side by side.
 */
export async function renderEmail(element: ReactElement, { subject, tag }: { subject: string; tag: string }): Promise<Rendered> {
  const markup = await renderMarkup(element);
  const { toPlainText } = await loadRenderer();
  const text = toPlainText(markup);
  return { subject: oneLine(subject), html: `${doctype}${markup.replace(/<!DOCTYPE.*?>/, '')}`, text: `${text.trim()}\n`, tag };
}

/**
 * The whole document, every Suspense boundary resolved, as React Email renders it: inside one
 * Suspense boundary, with nothing streamed out of order. Any error thrown while rendering fails it.
 */
async function renderMarkup(element: ReactElement): Promise<string> {
  let failure: { error: unknown } | undefined;
  const { prerender } = await loadRenderer();
  const { prelude } = await prerender(createElement(Suspense, null, element), {
    progressiveChunkSize: Number.POSITIVE_INFINITY,
    onError(error) {
      failure ??= { error };
    },
  });
  const markup = await new Response(prelude).text();
  if (failure) throw failure.error;
  return stripImagePreloads(markup);
}

/**
 * React adds `<link rel="preload" as="image">` hints for every `<img>` it renders; mail clients
 * ignore them. Removed as React Email removes them: only image preloads, whatever the attribute order.
 */
function stripImagePreloads(markup: string): string {
  return markup.replace(/<link\b[^>]*\/?>/gi, (tag) => {
    const attributes = new Map<string, string>();
    for (const [, name, double, single, bare] of tag.replace(/^<[a-z][a-z0-9-]*/i, '').matchAll(attribute)) {
      if (name) attributes.set(name.toLowerCase(), double ?? single ?? bare ?? '');
    }
    return attributes.get('rel') === 'preload' && attributes.get('as') === 'image' ? '' : tag;
  });
}

const attribute = /([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi;
