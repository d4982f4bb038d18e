import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { sessionCookieName } from '../../middleware/auth.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { loginBody, meResponse, signupBody, userResponse } from './auth.schema.ts';
import * as auth from './auth.service.ts';
import { sessionTtlSeconds } from './sign-in.ts';

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: sessionTtlSeconds,
  });
}

export async function presentedSessionHash(c: Context<AppEnv>) {
  const token = getCookie(c, sessionCookieName);
  return token ? sha256Hex(token) : null;
}

export const authRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/signup',
      tags: ['Auth'],
      request: { query: noQuery, ...jsonBodyOf(signupBody) },
      responses: { 201: jsonContent(userResponse, 'Signed up and signed in'), ...errorResponses },
    }),
    async (c) => {
      const session = await auth.signup(c.get('db'), c.req.valid('json'), auditContext(c));
      setSessionCookie(c, session.token);
      return c.json({ user: session.user }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['Auth'],
      request: { query: noQuery, ...jsonBodyOf(loginBody) },
      responses: { 200: jsonContent(userResponse, 'Signed in'), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const session = await auth.login(c.get('db'), input, auditContext(c), await presentedSessionHash(c));
      setSessionCookie(c, session.token);
      return c.json({ user: session.user }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
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
      tags: ['Auth'],
      request: { query: noQuery },
      responses: { 200: jsonContent(meResponse, 'The signed-in person and their workspaces'), ...errorResponses },
    }),
    async (c) => c.json(await auth.me(tenantGateway(c)), 200),
  );
