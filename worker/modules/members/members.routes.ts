import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import {
  changeRoleBody,
  memberList,
  memberPage,
  memberParams,
  memberSchema,
  transferOwnershipBody,
  workspaceParams,
} from './members.schema.ts';
import * as members from './members.service.ts';

const tags = ['Members'];
const conflict = { 409: { description: 'The last owner cannot lose that role (error envelope LAST_OWNER)' } };

export const memberRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/members',
        summary: 'List members',
        tags,
        request: { params: workspaceParams, query: pageQuery },
        responses: { 200: jsonContent(memberPage, 'A page of the workspace’s members, by name'), ...errorResponses },
      }),
      async (c) => c.json(await members.listMembers(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/w/{workspace}/members/{id}',
        summary: "Change a member's role",
        tags,
        description: 'Owners and admins change roles; only owners grant or take away the owner role.',
        request: { params: memberParams, query: noQuery, ...jsonBodyOf(changeRoleBody) },
        responses: { 200: jsonContent(memberSchema, 'Updated'), ...conflict, ...errorResponses },
      }),
      async (c) =>
        c.json(
          await members.changeMemberRole(
            tenantGateway(c),
            c.req.valid('param').id,
            c.req.valid('json').role,
            auditContext(c),
            c.get('services').bus,
            c.get('services').realtime,
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/members/{id}',
        summary: 'Remove a member',
        tags,
        request: { params: memberParams, query: noQuery },
        responses: { 204: { description: 'Removed' }, ...conflict, ...errorResponses },
      }),
      async (c) => {
        await members.removeMember(
          tenantGateway(c),
          c.req.valid('param').id,
          auditContext(c),
          c.get('services').bus,
          c.get('services').realtime,
        );
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/transfer-ownership',
        summary: 'Transfer ownership',
        tags,
        description: 'The calling owner makes another member owner and becomes admin, in one step.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(transferOwnershipBody) },
        responses: { 200: jsonContent(memberList, 'Members after the transfer'), ...errorResponses },
      }),
      async (c) => c.json(await members.transferOwnership(tenantGateway(c), c.req.valid('json').member_id, auditContext(c)), 200),
    );
