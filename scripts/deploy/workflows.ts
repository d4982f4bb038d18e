/**
 * Checks .github/workflows: each file against GitHub's published workflow schema
 * (@action-validator/core, ADR 051), and the promises the workflows keep — CI runs .ci/run, a
 * deploy runs only after its migrations succeeded, a preview is migrated before it is uploaded and
 * its branch deleted on close.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

export const workflowsFolder = join(import.meta.dirname, '../../.github/workflows');

interface WorkflowStep {
  run?: string;
  if?: string;
  'continue-on-error'?: unknown;
}
interface Workflow {
  jobs?: Record<string, { if?: string; 'continue-on-error'?: unknown; steps?: WorkflowStep[] }>;
}

export function readWorkflows(folder = workflowsFolder): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
  );
}

/** The index of the first step whose command matches, and the step; -1 when none. */
function stepIndex(steps: WorkflowStep[], command: RegExp): number {
  return steps.findIndex((step) => command.test(step.run ?? ''));
}

function jobs(workflow: Workflow) {
  return Object.entries(workflow.jobs ?? {}).map(([name, job]) => ({ name, job, steps: job.steps ?? [] }));
}

/** Checks that `later` runs only if `earlier` succeeded, in one job; describes what breaks it. */
function runsOnlyAfter(file: string, workflow: Workflow, earlier: RegExp, later: RegExp, what: string): string[] {
  const job = jobs(workflow).find(({ steps }) => stepIndex(steps, later) >= 0);
  if (!job) return [`${file}: no step runs ${later.source}`];
  const before = stepIndex(job.steps, earlier);
  const after = stepIndex(job.steps, later);
  if (before < 0 || before > after)
    return [`${file}: ${what}: no step running ${earlier.source} comes before ${later.source} in job ${job.name}`];
  const problems: string[] = [];
  if (job.job['continue-on-error'] || job.steps[before]?.['continue-on-error']) {
    problems.push(`${file}: ${what}: the step running ${earlier.source} may fail without stopping job ${job.name}`);
  }
  for (const step of job.steps.slice(before + 1, after + 1)) {
    if (/always\(\)|failure\(\)|cancelled\(\)/.test(step.if ?? ''))
      problems.push(`${file}: ${what}: a later step runs even after a failure (if: ${step.if})`);
  }
  return problems;
}

export function workflowProblems(files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const error of validateWorkflow(text).errors) {
      problems.push(`${file}: ${'path' in error ? `${error.path} ` : ''}${error.title}${error.detail ? `: ${error.detail}` : ''}`);
    }
  }
  const parsed = (file: string): Workflow | null => (files[file] ? (parse(files[file]) as Workflow) : null);
  const ci = parsed('ci.yml');
  if (!ci) problems.push('ci.yml is missing');
  else if (!jobs(ci).some(({ steps }) => stepIndex(steps, /\.ci\/run\b/) >= 0)) problems.push('ci.yml: no step runs .ci/run');

  const deploy = parsed('deploy.yml');
  if (!deploy) problems.push('deploy.yml is missing');
  else problems.push(...runsOnlyAfter('deploy.yml', deploy, /db:migrate/, /wrangler deploy/, 'the deploy'));

  const preview = parsed('preview.yml');
  if (!preview) problems.push('preview.yml is missing');
  else {
    problems.push(...runsOnlyAfter('preview.yml', preview, /preview\.ts open/, /db:migrate/, 'the preview branch'));
    problems.push(...runsOnlyAfter('preview.yml', preview, /db:migrate/, /wrangler versions upload/, 'the preview upload'));
    const upload = jobs(preview)
      .flatMap(({ steps }) => steps)
      .find((step) => /wrangler versions upload/.test(step.run ?? ''));
    if (upload && !/--env preview\b/.test(upload.run ?? '')) problems.push('preview.yml: the upload does not name --env preview');
    if (upload && !/--preview-alias\b/.test(upload.run ?? '')) problems.push('preview.yml: the upload has no --preview-alias');
    const cleanup = jobs(preview).find(({ steps }) => stepIndex(steps, /preview\.ts close/) >= 0);
    if (!cleanup || !/closed/.test(cleanup.job.if ?? ''))
      problems.push('preview.yml: no job deletes the branch when the pull request is closed');
  }
  return problems;
}
