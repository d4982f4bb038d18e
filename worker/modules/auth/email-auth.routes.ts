import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { presentedSessionHash, respondToSignIn, signInResponse } from './sign-in.response.ts';
import {
  acceptedMessage,
  acceptedResponse,
  emailOnlyBody,
  passwordChangeBody,
  passwordChangedResponse,
  resetCompleteBody,
  tokenBody,
  verifiedResponse,
} from './email-auth.schema.ts';
import { identityMailOf } from './identity-mail.context.ts';
import { confirmMagicLink, requestMagicLink } from './magic-link.service.ts';
import { changePassword } from './password-change.service.ts';
import { completePasswordReset, requestPasswordReset } from './password-reset.service.ts';
import { resendVerification, verifyEmail } from './verification.service.ts';

const post = <P extends string>(path: P, summary: string) => ({ method: 'post' as const, path, tags: ['Auth'], summary });

/**
 * Email verification, password reset, magic link and password change. The three "mail me a link"
 * routes answer 202 with one fixed body before they look the address up, so an existing and an
 * unknown address get the same status, body, headers and timing.
 */
export const emailAuthRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        ...post('/auth/verify-email', 'Confirm an email address with the token from the mailed link'),
        request: { query: noQuery, ...jsonBodyOf(tokenBody) },
        responses: { 200: jsonContent(verifiedResponse, 'Verified'), ...errorResponses },
      }),
      async (c) => {
        const { email } = await verifyEmail(c.get('db'), c.req.valid('json').token, auditContext(c));
        return c.json({ email, email_verified: true as const }, 200);
      },
    )
    .openapi(
      createRoute({
        ...post('/auth/verify-email/resend', 'Mail a new verification link to an unverified account'),
        request: { query: noQuery, ...jsonBodyOf(emailOnlyBody) },
        responses: { 202: jsonContent(acceptedResponse, 'Accepted, whatever the address'), ...errorResponses },
      }),
      async (c) => {
        resendVerification(c.get('db'), c.req.valid('json').email, auditContext(c), identityMailOf(c));
        return c.json({ message: acceptedMessage }, 202);
      },
    )
    .openapi(
      createRoute({
        ...post('/auth/password-reset/request', 'Mail a password reset link (verified addresses only)'),
        request: { query: noQuery, ...jsonBodyOf(emailOnlyBody) },
        responses: { 202: jsonContent(acceptedResponse, 'Accepted, whatever the address'), ...errorResponses },
      }),
      async (c) => {
        requestPasswordReset(c.get('db'), c.req.valid('json').email, auditContext(c), identityMailOf(c));
        return c.json({ message: acceptedMessage }, 202);
      },
    )
    .openapi(
      createRoute({
        ...post(
          '/auth/password-reset/complete',
          'Set a new password with a reset token; ends every session, app sign-in and personal access token',
        ),
        request: { query: noQuery, ...jsonBodyOf(resetCompleteBody) },
        responses: { 204: { description: 'Password changed; log in with it' }, ...errorResponses },
      }),
      async (c) => {
        await completePasswordReset(c.get('db'), c.req.valid('json'), auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        ...post('/auth/magic-link/request', 'Mail a sign-in link'),
        request: { query: noQuery, ...jsonBodyOf(emailOnlyBody) },
        responses: { 202: jsonContent(acceptedResponse, 'Accepted, whatever the address'), ...errorResponses },
      }),
      async (c) => {
        requestMagicLink(c.get('db'), c.req.valid('json').email, auditContext(c), identityMailOf(c));
        return c.json({ message: acceptedMessage }, 202);
      },
    )
    .openapi(
      createRoute({
        ...post('/auth/magic-link/confirm', 'Sign in with the token of a magic link'),
        request: { query: noQuery, ...jsonBodyOf(tokenBody) },
        responses: {
          200: jsonContent(signInResponse, 'Signed in, or (with a second factor enrolled) waiting for it'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const outcome = await confirmMagicLink(c.get('db'), c.req.valid('json').token, await presentedSessionHash(c), auditContext(c));
        return respondToSignIn(c, outcome);
      },
    )
    .openapi(
      createRoute({
        ...post('/me/password', 'Change your password; every other session, app sign-in and personal access token ends'),
        request: { query: noQuery, ...jsonBodyOf(passwordChangeBody) },
        responses: { 200: jsonContent(passwordChangedResponse, 'Changed'), ...errorResponses },
      }),
      async (c) => c.json(await changePassword(tenantGateway(c), c.get('db'), c.req.valid('json'), auditContext(c)), 200),
    );
