import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { requireMailOutbox } from '../mail/outbound-mail.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import { createInvite } from './create-invite.ts';
import type { InviteDeps } from './invite-delivery.ts';
import * as invites from './invites.service.ts';
import {
  acceptedInvite,
  createInviteBody,
  invitePage,
  invitePreview,
  inviteSchema,
  memberParams,
  tokenParams,
  workspaceParams,
} from './members.schema.ts';

const tags = ['Invites'];

const inviteDeps = (c: Context<AppEnv>): InviteDeps => ({
  mail: requireMailOutbox(c.get('services').mail),
  rateLimiter: c.get('services').rateLimiter,
  bus: c.get('services').bus,
  appOrigin: c.get('config').APP_ORIGIN,
});

export const inviteRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/invites',
        summary: 'List pending invitations',
        tags,
        request: { params: workspaceParams, query: pageQuery },
        responses: { 200: jsonContent(invitePage, 'A page of pending invitations, newest first'), ...errorResponses },
      }),
      async (c) => c.json(await invites.listInvites(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/invites',
        summary: 'Invite someone by email',
        tags,
        description: 'Emails a single-use link valid for 7 days. Invitations are limited per workspace and hour.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(createInviteBody) },
        responses: {
          201: jsonContent(inviteSchema, 'Invited'),
          409: { description: 'Already a member, or already invited' },
          ...errorResponses,
        },
      }),
      async (c) => c.json(await createInvite(tenantGateway(c), inviteDeps(c), c.req.valid('json'), auditContext(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/invites/{id}/resend',
        summary: 'Resend an invitation',
        tags,
        description: 'Sends a new link (the previous one stops working) valid for 7 more days.',
        request: { params: memberParams, query: noQuery },
        responses: { 200: jsonContent(inviteSchema, 'Sent again'), ...errorResponses },
      }),
      async (c) => c.json(await invites.resendInvite(tenantGateway(c), inviteDeps(c), c.req.valid('param').id, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/invites/{id}',
        summary: 'Revoke an invitation',
        tags,
        request: { params: memberParams, query: noQuery },
        responses: { 204: { description: 'Revoked' }, ...errorResponses },
      }),
      async (c) => {
        await invites.revokeInvite(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/invites/{token}',
        summary: 'Preview an invitation',
        tags,
        description: 'What an invitation link is about. Needs the link, not a session.',
        request: { params: tokenParams, query: noQuery },
        responses: { 200: jsonContent(invitePreview, 'The invitation'), ...errorResponses },
      }),
      async (c) => c.json(await invites.previewInvite(c.get('db'), c.req.valid('param').token), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/invites/{token}/accept',
        summary: 'Accept an invitation',
        tags,
        description: 'The signed-in person joins the workspace, if the invitation was sent to their address.',
        request: { params: tokenParams, query: noQuery },
        responses: {
          200: jsonContent(acceptedInvite, 'Joined'),
          410: { description: 'Expired, used or revoked (error envelope)' },
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(await invites.acceptInvite(tenantGateway(c), c.req.valid('param').token, auditContext(c), c.get('services').bus), 200),
    );
