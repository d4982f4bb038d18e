import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import { jobList, jobParams, jobSchema, workspaceParams } from './jobs.schema.ts';
import * as jobs from './jobs-watch.service.ts';

const tags = ['Jobs'];

export const jobRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/jobs',
        summary: 'List recent jobs',
        tags,
        description:
          "The workspace's 50 most recent background jobs (imports, exports), newest first: admins and owners see all of them, others those among them that they started.",
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(jobList, 'Recent jobs'), ...errorResponses },
      }),
      async (c) => c.json(await jobs.listJobs(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/jobs/{id}',
        summary: 'Get a job',
        tags,
        description: 'A job and its progress; poll it while it runs. Readable by whoever started it and by admins and owners.',
        request: { params: jobParams, query: noQuery },
        responses: { 200: jsonContent(jobSchema, 'The job'), ...errorResponses },
      }),
      async (c) => c.json(await jobs.getJob(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/jobs/{id}/cancel',
        summary: 'Cancel a job',
        tags,
        description:
          'Asks the job to stop: it stops at its next step (an import within one chunk; what it already wrote stays) and ends `cancelled`. 409 once it has ended.',
        request: { params: jobParams, query: noQuery },
        responses: { 202: jsonContent(jobSchema, 'Accepted: the job will stop at its next step'), ...errorResponses },
      }),
      async (c) => c.json(await jobs.cancelJob(tenantGateway(c), c.req.valid('param').id, auditContext(c)), 202),
    );
