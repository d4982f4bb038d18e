/** `npm run lint` step: .github/workflows against GitHub's schema and the promises they keep (scripts/deploy/workflows.ts). */
import { readWorkflows, workflowProblems } from './deploy/workflows.ts';

const problems = workflowProblems(readWorkflows());
for (const problem of problems) console.error(problem);
if (problems.length) process.exit(1);
console.log(`Workflows: ${Object.keys(readWorkflows()).length} files valid.`);
