import { createRoute, z } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { emailChangeInput } from './auth.input.ts';
import { tokenBody } from './email-auth.schema.ts';
import { confirmEmailChange, requestEmailChange } from './email-change.service.ts';
import { identityMailOf } from './identity-mail.context.ts';
import { presentedSessionHash } from './sign-in.response.ts';

const emailChangeBody = emailChangeInput.openapi('EmailChangeRequest');

const emailChangeRequested = z.object({ new_email: z.string() }).openapi('EmailChangeRequested');
const emailChanged = z.object({ email: z.string(), sessions_ended: z.number().int() }).openapi('EmailChanged');

/** Changing the account's address: asked for while signed in, made by the link mailed to the new address. */
export const emailChangeRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/email',
        tags: ['Auth'],
        summary: 'Ask to change your email address; a confirmation link goes to the new address',
        request: { query: noQuery, ...jsonBodyOf(emailChangeBody) },
        responses: { 202: jsonContent(emailChangeRequested, 'Link mailed to the new address; nothing changed yet'), ...errorResponses },
      }),
      async (c) =>
        c.json(await requestEmailChange(tenantGateway(c), c.get('db'), c.req.valid('json'), auditContext(c), identityMailOf(c)), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/email-change/confirm',
        tags: ['Auth'],
        summary: 'Confirm a change of email address with the token from the mailed link; ends every other session',
        request: { query: noQuery, ...jsonBodyOf(tokenBody) },
        responses: { 200: jsonContent(emailChanged, 'Changed'), ...errorResponses },
      }),
      async (c) =>
        c.json(await confirmEmailChange(c.get('db'), c.req.valid('json').token, await presentedSessionHash(c), auditContext(c)), 200),
    );
