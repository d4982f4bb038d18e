import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import {
  createdFile,
  createFileBody,
  downloadQuery,
  fileDownload,
  filePage,
  fileParams,
  fileSchema,
  storageUsage,
  workspaceParams,
} from './files.schema.ts';
import * as files from './files.service.ts';

const tags = ['Files'];

export const fileRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/files',
        summary: 'List files',
        tags,
        description: 'The workspace’s files, newest first, with their scan status.',
        request: { params: workspaceParams, query: pageQuery },
        responses: { 200: jsonContent(filePage, 'A page of files, newest first'), ...errorResponses },
      }),
      async (c) => c.json(await files.listFiles(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/storage',
        summary: 'Get storage usage',
        tags,
        description: 'Bytes the workspace’s files take against its plan’s storage limit. Any member may read it.',
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(storageUsage, 'Used bytes and the plan’s limit'), ...errorResponses },
      }),
      async (c) => c.json(await files.storageUsage(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/files',
        summary: 'Start an upload',
        tags,
        description:
          'Records a pending file and answers a presigned PUT that expires in 15 minutes. Send the bytes straight to storage with exactly the returned headers: another type, length or SHA-256 is refused by storage. Then confirm the upload.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(createFileBody) },
        responses: { 201: jsonContent(createdFile, 'The pending file and where to upload it'), ...errorResponses },
      }),
      async (c) => {
        const { objectUrls, scanner } = c.get('services');
        return c.json(await files.createFile(tenantGateway(c), { objectUrls, scanner }, c.req.valid('json'), auditContext(c)), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/files/{id}',
        summary: 'Get a file',
        tags,
        request: { params: fileParams, query: noQuery },
        responses: { 200: jsonContent(fileSchema, 'The file and its status'), ...errorResponses },
      }),
      async (c) => c.json(await files.getFile(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/files/{id}/confirm',
        summary: 'Confirm an upload',
        tags,
        description:
          'Checks the stored object against the declared size, type and SHA-256, marks the file uploaded and queues its malware scan. 409 `FILE_NOT_UPLOADED` before the PUT; 422 `FILE_MISMATCH` (and the object is deleted) when it differs.',
        request: { params: fileParams, query: noQuery },
        responses: {
          202: jsonContent(fileSchema, 'Uploaded; the scan is queued'),
          ...errorResponses,
          409: { description: 'Nothing was uploaded yet (error envelope)' },
          422: { description: 'The upload differs from what was declared (error envelope)' },
        },
      }),
      async (c) => {
        const deps = { storage: c.get('services').storage, queue: c.env.JOBS };
        return c.json(await files.confirmFile(tenantGateway(c), deps, c.req.valid('param').id, auditContext(c)), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/files/{id}/download',
        summary: 'Get a download link',
        tags,
        description:
          'A presigned GET that expires in 5 minutes, for a clean file only. Storage answers it with `Content-Disposition: attachment` and the name encoded per RFC 6266/5987; `?disposition=inline` is honoured for PNG, JPEG, GIF, WebP and AVIF images only.',
        request: { params: fileParams, query: downloadQuery },
        responses: {
          200: jsonContent(fileDownload, 'Where to download the file'),
          ...errorResponses,
          409: { description: 'Not scanned yet, or quarantined (error envelope)' },
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        return c.json(await files.downloadFile(tenantGateway(c), c.get('services').objectUrls, id, c.req.valid('query').disposition), 200);
      },
    );
