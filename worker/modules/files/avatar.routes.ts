import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import * as avatars from './avatar.service.ts';
import { avatarLink, fileParams, fileSchema, setAvatarBody, workspaceParams } from './files.schema.ts';

const tags = ['Files'];

/**
 * The signed-in person's avatar: a clean image they uploaded to one of their workspaces, and the
 * avatars of the people they share a workspace with (docs/decisions/061).
 */
export const avatarRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'put',
        path: '/w/{workspace}/avatar',
        summary: 'Set your avatar',
        tags,
        description:
          'Makes a clean raster image you uploaded to this workspace your avatar, everywhere. Upload it as any file first and wait for the scan. API keys are refused (403).',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(setAvatarBody) },
        responses: { 200: jsonContent(fileSchema, 'The avatar’s file'), ...errorResponses },
      }),
      async (c) => c.json(await avatars.setAvatar(tenantGateway(c), c.req.valid('json').file_id, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/avatar',
        summary: 'Get your avatar',
        tags,
        description: 'A short inline link to the signed-in person’s avatar; 404 when none is set.',
        request: { query: noQuery },
        responses: { 200: jsonContent(avatarLink, 'Where to show the avatar from'), ...errorResponses },
      }),
      async (c) => c.json(await avatars.avatarLink(tenantGateway(c), c.get('services').objectUrls), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me/avatar',
        summary: 'Remove your avatar',
        tags,
        description: 'Back to your initials. The image stays a file of its workspace.',
        request: { query: noQuery },
        responses: { 204: { description: 'Removed' }, ...errorResponses },
      }),
      async (c) => {
        await avatars.clearAvatar(tenantGateway(c), auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/members/{id}/avatar',
        summary: 'Get a member’s avatar',
        tags: ['Members'],
        description:
          'Redirects to a short inline link to the member’s avatar (the member list’s `avatar_url`), so it can be an image’s source. 404 when the member has none or is not a member of this workspace.',
        request: { params: fileParams, query: noQuery },
        responses: { 302: { description: 'To the image, signed for five minutes' }, ...errorResponses },
      }),
      async (c) => {
        const link = await avatars.memberAvatarLink(tenantGateway(c), c.get('db'), c.get('services').objectUrls, c.req.valid('param').id);
        // The browser may reuse the redirect while the signed link it names is still valid.
        c.header('Cache-Control', 'private, max-age=240');
        return c.redirect(link.url, 302);
      },
    );
