import { createRoute } from '@hono/zod-openapi';
import { deleteCookie } from 'hono/cookie';
import { sessionCookieName, tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { loginBody, meResponse, profileBody, signupBody, userResponse } from './auth.schema.ts';
import * as auth from './auth.service.ts';
import { renameSelf } from './profile.service.ts';
import { presentedSessionHash, respondToSignIn, setSessionCookie, signInResponse } from './sign-in.response.ts';
import { identityMailOf } from './identity-mail.context.ts';

export const authRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/signup',
        summary: 'Sign up with email and password',
        tags: ['Auth'],
        request: { query: noQuery, ...jsonBodyOf(signupBody) },
        responses: { 201: jsonContent(userResponse, 'Signed up and signed in'), ...errorResponses },
      }),
      async (c) => {
        const session = await auth.signup(c.get('db'), c.req.valid('json'), auditContext(c), identityMailOf(c));
        setSessionCookie(c, session.token);
        return c.json({ user: session.user }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        summary: 'Sign in with email and password',
        tags: ['Auth'],
        request: { query: noQuery, ...jsonBodyOf(loginBody) },
        responses: {
          200: jsonContent(signInResponse, 'Signed in, or (with a second factor enrolled) waiting for it'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        return respondToSignIn(c, await auth.login(c.get('db'), input, auditContext(c), await presentedSessionHash(c), identityMailOf(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/logout',
        summary: 'Sign out',
        tags: ['Auth'],
        request: { query: noQuery },
        responses: { 204: { description: 'Signed out' }, ...errorResponses },
      }),
      async (c) => {
        const hash = await presentedSessionHash(c);
        if (hash) await auth.logout(c.get('db'), hash, auditContext(c));
        deleteCookie(c, sessionCookieName, { path: '/', secure: true });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me',
        summary: 'Get the signed-in person',
        tags: ['Auth'],
        request: { query: noQuery },
        responses: { 200: jsonContent(meResponse, 'The signed-in person and their workspaces'), ...errorResponses },
      }),
      async (c) => c.json(await auth.me(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/me',
        summary: 'Change your profile',
        tags: ['Auth'],
        description: 'Changes the signed-in person’s display name (1 to 100 characters, trimmed). API keys are refused (403).',
        request: { query: noQuery, ...jsonBodyOf(profileBody) },
        responses: { 200: jsonContent(userResponse, 'The person with the new name'), ...errorResponses },
      }),
      async (c) => c.json(await renameSelf(tenantGateway(c), c.req.valid('json'), auditContext(c)), 200),
    );
