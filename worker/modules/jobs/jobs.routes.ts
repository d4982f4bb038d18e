import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import { jobFailurePage, jobFailureParams, jobFailureSchema, workspaceParams } from './jobs.schema.ts';
import * as jobs from './jobs.service.ts';

const tags = ['Jobs'];

export const jobFailureRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/job-failures',
        summary: 'List failed jobs',
        tags,
        description:
          "The workspace's background jobs that failed on their last attempt (an audit log export, an event's delivery…), newest first. Admins and owners.",
        request: { params: workspaceParams, query: pageQuery },
        responses: { 200: jsonContent(jobFailurePage, 'A page of failed jobs, newest first'), ...errorResponses },
      }),
      async (c) => c.json(await jobs.listFailures(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/job-failures/{id}/retry',
        summary: 'Retry a failed job',
        tags,
        description: 'Sends the job again with the same input. A failed job is sent again at most once (409 after that).',
        request: { params: jobFailureParams, query: noQuery },
        responses: {
          202: jsonContent(jobFailureSchema, 'Accepted: the job is queued again'),
          ...errorResponses,
          503: { description: 'The job could not be queued (error envelope)' },
        },
      }),
      async (c) => c.json(await jobs.retryFailure(tenantGateway(c), c.env.JOBS, c.req.valid('param').id, auditContext(c)), 202),
    );
