import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import {
  addTeamMemberBody,
  createTeamBody,
  memberParams,
  renameTeamBody,
  teamDetail,
  teamPage,
  teamMemberParams,
  teamSummary,
  workspaceParams,
} from './members.schema.ts';
import * as teams from './teams.service.ts';

const tags = ['Teams'];

export const teamRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/teams',
        summary: 'List teams',
        tags,
        request: { params: workspaceParams, query: pageQuery },
        responses: { 200: jsonContent(teamPage, 'A page of the workspace’s teams, by name'), ...errorResponses },
      }),
      async (c) => c.json(await teams.listTeams(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/teams',
        summary: 'Create a team',
        tags,
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(createTeamBody) },
        responses: { 201: jsonContent(teamSummary, 'Created'), 409: { description: 'Name taken' }, ...errorResponses },
      }),
      async (c) => c.json(await teams.createTeam(tenantGateway(c), c.req.valid('json'), auditContext(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/teams/{id}',
        summary: 'Get a team',
        tags,
        request: { params: memberParams, query: noQuery },
        responses: { 200: jsonContent(teamDetail, 'The team and its members'), ...errorResponses },
      }),
      async (c) => c.json(await teams.getTeam(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/w/{workspace}/teams/{id}',
        summary: 'Rename a team',
        tags,
        request: { params: memberParams, query: noQuery, ...jsonBodyOf(renameTeamBody) },
        responses: { 200: jsonContent(teamDetail, 'Renamed'), 409: { description: 'Name taken' }, ...errorResponses },
      }),
      async (c) => c.json(await teams.renameTeam(tenantGateway(c), c.req.valid('param').id, c.req.valid('json'), auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/teams/{id}',
        summary: 'Delete a team',
        tags,
        request: { params: memberParams, query: noQuery },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        await teams.deleteTeam(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/teams/{id}/members',
        summary: 'Add a member to a team',
        tags,
        request: { params: memberParams, query: noQuery, ...jsonBodyOf(addTeamMemberBody) },
        responses: { 200: jsonContent(teamDetail, 'The team with the member'), ...errorResponses },
      }),
      async (c) =>
        c.json(await teams.addTeamMember(tenantGateway(c), c.req.valid('param').id, c.req.valid('json').member_id, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/teams/{id}/members/{memberId}',
        summary: 'Remove a member from a team',
        tags,
        request: { params: teamMemberParams, query: noQuery },
        responses: { 200: jsonContent(teamDetail, 'The team without the member'), ...errorResponses },
      }),
      async (c) => {
        const { id, memberId } = c.req.valid('param');
        return c.json(await teams.removeTeamMember(tenantGateway(c), id, memberId, auditContext(c)), 200);
      },
    );
