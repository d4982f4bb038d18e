import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie } from 'hono/cookie';
import { principalOf, sessionCookieName, tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  accountDeleted,
  deleteAccountBody,
  downloadQuery,
  exportParams,
  personalExportList,
  personalExportSchema,
  workspaceParams,
} from './account.schema.ts';
import { deleteAccount } from './delete-account.service.ts';
import { leaveWorkspace } from './leave-workspace.service.ts';
import * as exports from './personal-exports.service.ts';

export const accountRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/leave',
        summary: 'Leave a workspace',
        tags: ['Account'],
        description: 'The signed-in person leaves the workspace. The last owner cannot leave (409 `LAST_OWNER`).',
        request: { params: workspaceParams, query: noQuery },
        responses: { 204: { description: 'Left' }, ...errorResponses, 409: { description: 'Last owner (error envelope)' } },
      }),
      async (c) => {
        await leaveWorkspace(tenantGateway(c), auditContext(c), c.get('services').bus);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me',
        summary: 'Delete your account',
        tags: ['Account'],
        description:
          'Deletes the signed-in account (GDPR erasure). Needs a browser session (403 `BROWSER_SESSION_REQUIRED` for API keys and tokens), the password, and, when an authenticator app is on, `code` or `backup_code` (403 `SECOND_FACTOR_REQUIRED` without one). Refused with 409 `SOLE_OWNER` while the person is the only owner of a workspace with other members.',
        request: { query: noQuery, ...jsonBodyOf(deleteAccountBody) },
        responses: {
          200: jsonContent(accountDeleted, 'Deleted; every session has ended'),
          ...errorResponses,
          409: { description: 'Sole owner of a workspace with other members (error envelope)' },
        },
      }),
      async (c) => {
        const deps = { storage: c.get('services').storage, appSecret: c.get('config').APP_SECRET, bus: c.get('services').bus };
        const { password, code, backup_code } = c.req.valid('json');
        const secondFactor = code
          ? { kind: 'totp' as const, code }
          : backup_code
            ? { kind: 'backup_code' as const, code: backup_code }
            : null;
        const result = await deleteAccount(c.get('db'), principalOf(c), deps, { password, secondFactor }, auditContext(c));
        deleteCookie(c, sessionCookieName, { path: '/', secure: true });
        return c.json(result, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/exports',
        summary: 'Start an export of your data',
        tags: ['Account'],
        description:
          'Starts an export of everything tied to the signed-in person. Poll it until `status` is `done`, then follow `download_url`. While an export is pending or running, this answers with that export and starts nothing; at most 5 exports a day (429 with `Retry-After` after that).',
        request: { query: noQuery },
        responses: {
          202: jsonContent(personalExportSchema, 'Accepted: the export is queued, or the one already running'),
          ...errorResponses,
          429: { description: 'The day’s exports are used up (error envelope, `Retry-After`)' },
          503: { description: 'The export could not be queued (error envelope)' },
        },
      }),
      async (c) => {
        const deps = { queue: c.env.JOBS, storage: c.get('services').storage, secret: c.get('config').APP_SECRET };
        return c.json(await exports.requestExport(tenantGateway(c), deps, auditContext(c)), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/exports',
        summary: 'List your data exports',
        tags: ['Account'],
        request: { query: noQuery },
        responses: { 200: jsonContent(personalExportList, 'The person’s recent exports, newest first'), ...errorResponses },
      }),
      async (c) => c.json(await exports.listExports(tenantGateway(c), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/exports/{id}',
        summary: 'Get a data export',
        tags: ['Account'],
        request: { params: exportParams, query: noQuery },
        responses: {
          200: jsonContent(personalExportSchema, 'The export, its progress and, once done, a download link'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await exports.getExport(tenantGateway(c), c.get('config').APP_SECRET, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/exports/{id}/cancel',
        summary: 'Cancel a data export',
        tags: ['Account'],
        description:
          'Asks the export’s job to stop: it stops before its next part and ends `cancelled` (the export then reads `failed`, with no file). Asking again is harmless; an export that has ended answers 409.',
        request: { params: exportParams, query: noQuery },
        responses: {
          202: jsonContent(personalExportSchema, 'Accepted: the export will stop at its next part'),
          ...errorResponses,
          409: { description: 'The export has already ended (error envelope)' },
        },
      }),
      async (c) => {
        const secret = c.get('config').APP_SECRET;
        return c.json(await exports.cancelExport(tenantGateway(c), secret, c.req.valid('param').id, auditContext(c)), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/exports/{id}/download',
        summary: 'Download a data export',
        tags: ['Account'],
        description:
          'The archive as JSON, through the signed link an export hands out. Needs no session; the link expires after 15 minutes (410 `LINK_EXPIRED`).',
        request: { params: exportParams, query: downloadQuery },
        responses: {
          200: { content: { 'application/json': { schema: z.string() } }, description: 'The archive' },
          ...errorResponses,
          409: { description: 'Not done yet (error envelope)' },
          410: { description: 'The link or the archive has expired (error envelope)' },
        },
      }),
      async (c) => {
        const { expires, signature } = c.req.valid('query');
        const link = { exportPublicId: c.req.valid('param').id, expires, signature };
        const file = await exports.downloadExport(c.get('db'), c.get('services').storage, c.get('config').APP_SECRET, link);
        return c.body(file.body, 200, {
          'content-type': file.contentType,
          'content-length': String(file.size),
          'content-disposition': `attachment; filename="${file.filename}"`,
          'cache-control': 'private, no-store',
        });
      },
    );
