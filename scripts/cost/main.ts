/** `npm run cost`: rewrites the tables of docs/cost.md from scripts/cost/*.json and bench/results.json. */
import { readFileSync, writeFileSync } from 'node:fs';
import { costDoc, costTables, inputs, withCurrentTables } from './render.ts';

const doc = readFileSync(costDoc, 'utf8');
const next = withCurrentTables(doc, costTables(inputs()));
writeFileSync(costDoc, next);
console.log(next === doc ? 'docs/cost.md is current.' : 'docs/cost.md updated.');
