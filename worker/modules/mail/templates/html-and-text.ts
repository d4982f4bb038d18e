// React's edge build alone ('react-dom/static.edge' requires one Fizz build) and React Email's text
// conversion alone: React Email's `render` would also bring prettier and a second, legacy copy of
// react-dom/server into the bundle (docs/decisions/028-mail-rendering.md).
import { toPlainText } from '@react-email/render';
import { createElement, type ReactElement, Suspense } from 'react';
import { prerender } from 'react-dom/static.edge';

/** The doctype React Email gives every message, in place of React's own `<!DOCTYPE html>`. */
const doctype =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * The HTML part and the plain-text part of one email, both from a single rendering: exactly what
 * React Email's `render(element)` and `render(element, { plainText: true })` give (mail.test.ts
 * compares them).
 */
export async function htmlAndText(element: ReactElement): Promise<{ html: string; text: string }> {
  const markup = await renderMarkup(element);
  return { html: `${doctype}${markup.replace(/<!DOCTYPE.*?>/, '')}`, text: toPlainText(markup) };
}

/**
 * The whole document with every Suspense boundary resolved, rendered as React Email renders it:
 * inside one Suspense boundary, nothing streamed out of order. An error thrown by any component
 * fails the rendering, even where a boundary would have shown a fallback.
 */
async function renderMarkup(element: ReactElement): Promise<string> {
  let failure: { error: unknown } | undefined;
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

const attributePattern = /([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi;

/**
 * React adds a `<link rel="preload" as="image">` hint for every `<img>` it renders; mail clients
 * ignore them. Removed as React Email removes them: image preloads only, in any attribute order.
 */
function stripImagePreloads(markup: string): string {
  return markup.replace(/<link\b[^>]*\/?>/gi, (tag) => {
    const attributes = new Map<string, string>();
    for (const [, name, double, single, bare] of tag.replace(/^<[a-z][a-z0-9-]*/i, '').matchAll(attributePattern)) {
      if (name) attributes.set(name.toLowerCase(), double ?? single ?? bare ?? '');
    }
    return attributes.get('rel') === 'preload' && attributes.get('as') === 'image' ? '' : tag;
  });
}
