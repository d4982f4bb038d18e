// Prints one closing line for the whole CI run from the test runners' own reports.
import { readFileSync, readdirSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const dir = new URL('./out/', import.meta.url);
for (const name of readdirSync(dir)) {
  const text = readFileSync(new URL(name, dir), 'utf8');
  if (name.endsWith('.json')) {
    const report = JSON.parse(text);
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  } else {
    const match = /^(\d+) passed, (\d+) failed/m.exec(text);
    if (!match) throw new Error(`no summary line in ${name}`);
    passed += Number(match[1]);
    failed += Number(match[2]);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
