/**
 * Writes the API's OpenAPI document, as the app serves it at /api/v1/openapi.json, to
 * docs/openapi.json, from which the marketing site builds its API reference. The app is loaded in
 * Node through Vite's module runner (as the seed loads the modules), so no Worker has to run.
 * `node scripts/openapi-doc.ts --write` rewrites the file; `scripts/openapi-doc.test.ts` fails when
 * it and the code disagree.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importWorkerFile } from './worker-import.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const documentPath = join(root, 'docs/openapi.json');

export async function renderDocument(): Promise<string> {
  // One module graph: the modules the app installs are the ones whose webhooks are documented. The
  // app loads each module's routes with import(), which needs the module runner still open: an entry
  // that builds them while it is evaluated.
  const entry = join(await mkdtemp(join(tmpdir(), 'openapi-doc-')), 'document.ts');
  await writeFile(
    entry,
    `import { appWithEveryRoute, servedApiDocument } from ${JSON.stringify(join(root, 'worker/app.ts'))};\n` +
      'export const document = servedApiDocument(await appWithEveryRoute());\n',
  );
  try {
    const { document } = await importWorkerFile<{ document: unknown }>(relative(root, entry));
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await rm(dirname(entry), { recursive: true, force: true });
  }
}

export const committedDocument = () => readFile(documentPath, 'utf8');

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  await writeFile(documentPath, await renderDocument());
  console.log(`wrote ${documentPath}`);
}
