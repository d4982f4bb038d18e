/**
 * Writes the API's OpenAPI document, as the app serves it at /api/v1/openapi.json, to
 * docs/openapi.json, from which the marketing site builds its API reference. The app is loaded in
 * Node through Vite's module runner (as the seed loads the modules), so no Worker has to run.
 * `node scripts/openapi-doc.ts --write` rewrites the file; `scripts/openapi-doc.test.ts` fails when
 * it and the code disagree.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importWorkerFile } from './worker-import.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const documentPath = join(root, 'docs/openapi.json');

export async function renderDocument(): Promise<string> {
  // One module graph: the modules the app installs are the ones whose webhooks are documented.
  const module = await importWorkerFile<{
    appWithEveryRoute: () => unknown;
    servedApiDocument: (app: unknown) => unknown;
  }>('worker/app.ts');
  return `${JSON.stringify(module.servedApiDocument(module.appWithEveryRoute()), null, 2)}\n`;
}

export const committedDocument = () => readFile(documentPath, 'utf8');

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  await writeFile(documentPath, await renderDocument());
  console.log(`wrote ${documentPath}`);
}
