/**
 * The CSV import in the bounded-jobs suite (queues/request-jobs.security.test.ts): one import at a
 * time per workspace and a cap per rolling day. Test code only: the suite finds this file by its name.
 */
import { assignments, type RequestJob } from '../../../queues/test/request-job.ts';
import { setContextText } from '../../db/context.ts';
import { jobBounds } from '../../kernel/job-bounds.ts';
import { call } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { workspaceOn } from '../billing/billing.testing.ts';
import { jobIds } from '../job-records.ts';
import { uploadCsv } from './projects.isolation.ts';

// The job table's words for the suite's statuses.
const jobStatus = (status: string | null) => (status === 'done' ? 'succeeded' : status);

export const requestJobs: Record<string, RequestJob> = {
  'projects.import': {
    bound: jobBounds.projectsImport,
    kind: jobIds,
    async owner() {
      const w = await workspaceOn('team');
      const fileId = await uploadCsv({ slug: w.ws.slug, workspaceId: w.id, ownerCookie: w.owner.cookie }, 'name\r\nImported\r\n');
      return {
        start: () => call('POST', `${w.base}/projects/imports`, { cookie: w.owner.cookie, body: { file_id: fileId } }),
        rows: async () =>
          (await inspectSql()`select id, status from job
             where workspace_id = ${w.id} and kind = 'projects.import' order by created_at desc`) as Array<{ id: string; status: string }>,
        async set(publicId, change) {
          const { status, age } = assignments(change);
          const sql = ownerSql();
          await sql.transaction([
            sql.query(setContextText('workspace_id'), [w.id]),
            sql`update job set status = coalesce(${jobStatus(status)}, status),
                  created_at = coalesce(now() - make_interval(secs => ${age}::int), created_at)
                where id = ${jobIds.parse(publicId)}`,
          ]);
        },
        auditEntries: async () =>
          (
            (
              await inspectSql()`select count(*)::int as n from audit_log
             where workspace_id = ${w.id} and action = 'project.import_started'`
            )[0] as { n: number }
          ).n,
      };
    },
  },
};
