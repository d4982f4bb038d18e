import { html } from 'hono/html';

/**
 * Where the web build puts Scalar's standalone renderer (`apiReferenceRenderer` in web/vite.config.ts): a static asset,
 * so the Worker's bundle never carries it.
 */
export const rendererPath = '/api-reference/scalar.js';

/**
 * Scalar reads its settings from this element. Nothing may leave the origin: no hosted fonts,
 * telemetry, AI agent or request proxy, so the page runs under `referencePolicy`.
 */
const rendererSettings = {
  url: '/api/v1/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  hideClientButton: true,
  documentDownloadType: 'json',
  theme: 'default',
};

/**
 * Scripts from the origin only; Scalar injects its own `<style>` elements and style attributes, and
 * try-it calls the API on the same origin.
 */
export const referencePolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The API reference: a shell that Scalar renders from the served OpenAPI document, with try-it. */
export function referencePage(title: string) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — API reference</title></head>
<body><noscript>The API reference needs JavaScript. The document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</noscript>
<script id="api-reference" data-url="${rendererSettings.url}" data-configuration="${JSON.stringify(rendererSettings)}"></script>
<script src="${rendererPath}"></script>
</body></html>`;
}
