import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { fileList, fileSchema } from '../files/files.schema.ts';
import * as attachments from './project-attachments.service.ts';
import { attachFileBody, attachmentParams, projectParams } from './projects.schema.ts';

const tags = ['Projects'];

/** Files of the workspace attached to a project; the bytes come and go through the file routes. */
export const projectAttachmentRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/w/{workspace}/projects/{id}/attachments',
      summary: 'List a project’s attachments',
      tags,
      description: 'The files attached to the project (at most 100, newest first), with their scan status. Download one through its file.',
      request: { params: projectParams, query: noQuery },
      responses: { 200: jsonContent(fileList, 'The attached files'), ...errorResponses },
    }),
    async (c) => c.json(await attachments.listAttachments(tenantGateway(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/w/{workspace}/projects/{id}/attachments',
      summary: 'Attach a file to a project',
      tags,
      description:
        'Links a file of this workspace (uploaded through the file routes) to the project. Attaching it again changes nothing; a quarantined file is refused.',
      request: { params: projectParams, query: noQuery, ...jsonBodyOf(attachFileBody) },
      responses: { 201: jsonContent(fileSchema, 'The attached file'), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await attachments.attachFile(tenantGateway(c), id, c.req.valid('json').file_id, auditContext(c)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/w/{workspace}/projects/{id}/attachments/{file_id}',
      summary: 'Detach a file from a project',
      tags,
      description: 'The file stays a file of the workspace.',
      request: { params: attachmentParams, query: noQuery },
      responses: { 204: { description: 'Detached' }, ...errorResponses },
    }),
    async (c) => {
      const { id, file_id } = c.req.valid('param');
      await attachments.detachFile(tenantGateway(c), id, file_id, auditContext(c));
      return c.body(null, 204);
    },
  );
