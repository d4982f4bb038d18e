import { createRoute, z } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import { auditExportAccepted, auditExportParams, auditExportSchema, workspaceParams } from './audit-exports.schema.ts';
import * as auditExports from './audit-exports.service.ts';

const tags = ['Audit log'];

export const auditExportRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/audit-exports',
        summary: 'Start an audit log export',
        tags,
        description:
          "Starts an export of the workspace's audit log (admins and owners). Poll the export, then download it once `status` is `done`. While an export is pending or running, this answers with that export and starts nothing; at most 10 exports per workspace a day (429 with `Retry-After` after that). Refused with 403 `FEATURE_DISABLED` while the `audit.exports` flag is off for the caller.",
        request: { params: workspaceParams, query: noQuery },
        responses: {
          202: jsonContent(auditExportAccepted, 'Accepted: the export is queued, or the one already running'),
          ...errorResponses,
          429: { description: 'The day’s exports are used up (error envelope, `Retry-After`)' },
          503: { description: 'The export could not be queued (error envelope)' },
        },
      }),
      async (c) => {
        const deps = { queue: c.env.JOBS, storage: c.get('services').storage, appEnv: c.get('config').APP_ENV };
        return c.json(await auditExports.requestExport(tenantGateway(c), deps, auditContext(c)), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/audit-exports/{id}',
        summary: 'Get an audit log export',
        tags,
        request: { params: auditExportParams, query: noQuery },
        responses: { 200: jsonContent(auditExportSchema, 'The export and its status'), ...errorResponses },
      }),
      async (c) => c.json(await auditExports.getExport(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/audit-exports/{id}/download',
        summary: 'Download an audit log export',
        tags,
        description: 'The audit log as JSON lines, one entry per line, oldest first. Available for 7 days.',
        request: { params: auditExportParams, query: noQuery },
        responses: {
          200: { content: { 'application/x-ndjson': { schema: z.string() } }, description: 'The export file' },
          ...errorResponses,
          409: { description: 'The export is not done yet (error envelope)' },
          410: { description: 'The export has expired (error envelope)' },
        },
      }),
      async (c) => {
        const file = await auditExports.downloadExport(tenantGateway(c), c.get('services').storage, c.req.valid('param').id);
        return c.body(file.body, 200, {
          'content-type': file.contentType,
          'content-length': String(file.size),
          'content-disposition': `attachment; filename="${file.filename}"`,
          'cache-control': 'private, no-store',
        });
      },
    );
