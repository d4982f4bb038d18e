import { createRoute, z } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { type Attachable, attachFile, detachFile, listAttachments } from './attachments.service.ts';
import { attachFileBody, fileList, fileSchema } from './files.schema.ts';

const ownerParams = z.object({ workspace: z.string(), id: z.string() });
const attachmentParams = z.object({ workspace: z.string(), id: z.string(), file_id: z.string() });

/**
 * The attachment routes of a module's records (docs/decisions/061), under `base`
 * (`/w/{workspace}/projects/{id}`): list, attach and detach files of the workspace; the bytes come
 * and go through the file routes.
 */
export function attachmentRoutes<const Base extends `/w/{workspace}/${string}/{id}`>(base: Base, attachable: Attachable, tags: string[]) {
  const noun = attachable.noun.replaceAll('-', ' ');
  const aNoun = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: `${base}/attachments` as const,
        summary: `List ${aNoun}’s attachments`,
        tags,
        description: `The files attached to the ${noun} (at most 100, newest first), with their scan status. Download one through its file.`,
        request: { params: ownerParams, query: noQuery },
        responses: { 200: jsonContent(fileList, 'The attached files'), ...errorResponses },
      }),
      async (c) => c.json(await listAttachments(tenantGateway(c), attachable, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/attachments` as const,
        summary: `Attach a file to ${aNoun}`,
        tags,
        description: `Links a file of this workspace (uploaded through the file routes) to the ${noun}. Attaching it again changes nothing; a quarantined file is refused.`,
        request: { params: ownerParams, query: noQuery, ...jsonBodyOf(attachFileBody) },
        responses: { 201: jsonContent(fileSchema, 'The attached file'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        return c.json(await attachFile(tenantGateway(c), attachable, id, c.req.valid('json').file_id, auditContext(c)), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: `${base}/attachments/{file_id}` as const,
        summary: `Detach a file from ${aNoun}`,
        tags,
        description: 'The file stays a file of the workspace.',
        request: { params: attachmentParams, query: noQuery },
        responses: { 204: { description: 'Detached' }, ...errorResponses },
      }),
      async (c) => {
        const { id, file_id } = c.req.valid('param');
        await detachFile(tenantGateway(c), attachable, id, file_id, auditContext(c));
        return c.body(null, 204);
      },
    );
}
