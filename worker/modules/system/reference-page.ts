import { html } from 'hono/html';

interface Operation {
  method: string;
  path: string;
  summary: string;
  tags: string[];
}

interface OpenApiDocument {
  info: { title: string; version: string };
  paths?: Record<string, Record<string, { summary?: string; description?: string; tags?: string[] }>>;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      summary: op.summary ?? op.description ?? '',
      tags: op.tags ?? [],
    })),
  );
}

/** A self-contained API reference rendered from the OpenAPI document (no scripts, no CDN). */
export function referencePage(doc: OpenApiDocument) {
  const rows = operationsOf(doc).map(
    (op) =>
      html`<tr><td><code>${op.method}</code></td><td><code>${op.path}</code></td><td>${op.tags.join(', ')}</td><td>${op.summary}</td></tr>`,
  );
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${doc.info.title} — API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}code{font-size:13px}</style>
</head><body><h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Errors always use
<code>{ "error": { "code", "message", "fields"?, "request_id" } }</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Tag</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}
