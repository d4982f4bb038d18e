/** `npm run lint` runs this after Biome: the import rules that keep the layers apart. */
import { checkTree } from './boundaries.ts';

const found = checkTree();
for (const line of found) console.error(line);
if (found.length > 0) {
  console.error(`\n${found.length} import boundary violation(s). See docs/decisions/008-layers.md.`);
  process.exit(1);
}
console.log('Import boundaries hold.');
