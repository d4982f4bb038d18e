import { describe, expect, it } from 'vitest';
import { readWorkflows, workflowProblems } from './workflows.ts';

const workflows = readWorkflows();
const edited = (file: string, from: string | RegExp, to: string) => {
  const text = workflows[file] ?? '';
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  return { ...workflows, [file]: next };
};

describe('.github/workflows', () => {
  it('are valid against GitHub’s workflow schema and keep their promises', () => {
    expect(Object.keys(workflows).sort()).toEqual(['ci.yml', 'deploy.yml', 'preview.yml']);
    expect(workflowProblems(workflows)).toEqual([]);
  });

  it('catch a file the schema refuses', () => {
    expect(workflowProblems(edited('ci.yml', 'runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')).join('\n')).toMatch(/^ci\.yml: /);
  });

  it('catch a deploy that could run after a failed migration', () => {
    const migrate = '      - name: Migrate\n        run: npm run db:migrate\n';
    expect(workflowProblems(edited('deploy.yml', migrate, `${migrate}        continue-on-error: true\n`))).toEqual([
      'deploy.yml: the deploy: the step running db:migrate may fail without stopping job deploy',
    ]);
    expect(workflowProblems(edited('deploy.yml', '      - name: Deploy\n', '      - name: Deploy\n        if: always()\n'))).toEqual([
      'deploy.yml: the deploy: a later step runs even after a failure (if: always())',
    ]);
    expect(workflowProblems(edited('deploy.yml', 'run: npm run db:migrate', 'run: echo skipped'))).toEqual([
      'deploy.yml: the deploy: no step running db:migrate comes before wrangler deploy in job deploy',
    ]);
  });

  it('catch a preview uploaded before its branch is migrated, or whose branch outlives the pull request', () => {
    expect(workflowProblems(edited('preview.yml', '--env preview ', '--env production '))).toEqual([
      'preview.yml: the upload does not name --env preview',
    ]);
    expect(workflowProblems(edited('preview.yml', 'preview.ts close', 'preview.ts open'))).toEqual([
      'preview.yml: no job deletes the branch when the pull request is closed',
    ]);
    expect(workflowProblems(edited('preview.yml', 'run: npm run db:migrate', 'run: echo skipped'))).toEqual([
      'preview.yml: no step runs db:migrate',
      'preview.yml: the preview upload: no step running db:migrate comes before wrangler versions upload in job preview',
    ]);
  });
});
