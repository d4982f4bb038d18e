import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../kernel/errors.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { presentedSessionHash, redirectAfterSignIn } from '../auth/sign-in.response.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { stateTtlSeconds } from './oauth-state.ts';
import {
  callbackQuery,
  identityList,
  identityParams,
  providerList,
  providerParams,
  ssoCallbackParams,
  ssoStartBody,
  startBody,
  startResponse,
} from './oauth.schema.ts';
import * as oauth from './oauth.service.ts';
import * as sso from './sso-sign-in.service.ts';

/** Where a browser lands when a callback fails; the page reads `?error=<code>`. */
const failurePages = { sign_in: '/login', link: '/settings/sign-in-methods' } as const;

const stateCookieName = (key: string) => `__Host-${key}`;
const stateCookie = { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: stateTtlSeconds } as const;

function oauthDeps(c: Context<AppEnv>) {
  return { appSecret: c.get('config').APP_SECRET, providers: c.get('services').oauthProviders ?? {} };
}

function ssoDeps(c: Context<AppEnv>): sso.SsoDeps {
  const openIdConnect = c.get('services').openIdConnect;
  if (!openIdConnect) throw new AppError('SERVICE_UNAVAILABLE', 'Single sign-on is not available');
  return { appSecret: c.get('config').APP_SECRET, appOrigin: c.get('config').APP_ORIGIN, openIdConnect };
}

/** Provider names become part of a cookie name: only plain lower-case words are accepted. */
function providerKey(name: string): string {
  if (!/^[a-z]{1,20}$/.test(name)) throw new AppError('NOT_FOUND', 'No such sign-in provider');
  return `oauth-${name}`;
}

/**
 * A signed-in outcome as a response. Every redirect-style sign-in (OAuth, SSO) ends here, so a
 * further step before the session (a second factor) is added in this one place.
 */
/** A callback's result as a redirect; its state cookie is spent whatever the result. */
function respondToCallback(c: Context<AppEnv>, cookieName: string, result: oauth.CallbackResult) {
  deleteCookie(c, cookieName, { path: '/', secure: true });
  switch (result.kind) {
    case 'signed_in':
      return redirectAfterSignIn(c, result.outcome, result.next);
    case 'linked':
      return c.redirect(result.next, 302);
    case 'failed':
      return c.redirect(`${failurePages[result.intent]}?error=${encodeURIComponent(result.error.code)}`, 302);
  }
}

export const oauthRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/oauth/providers',
        summary: 'List the sign-in providers',
        tags: ['Auth'],
        request: { query: noQuery },
        responses: { 200: jsonContent(providerList, 'The sign-in providers this deployment offers'), ...errorResponses },
      }),
      (c) => c.json(oauth.configuredProviders(oauthDeps(c).providers), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/oauth/{provider}/start',
        summary: 'Start signing in with a provider',
        tags: ['Auth'],
        request: { params: providerParams, query: noQuery, ...jsonBodyOf(startBody) },
        responses: { 200: jsonContent(startResponse, 'Send the browser to the provider'), ...errorResponses },
      }),
      async (c) => {
        const { provider } = c.req.valid('param');
        const key = providerKey(provider);
        const started = await oauth.startOAuth(oauthDeps(c), provider, c.req.valid('json'), () => tenantGateway(c));
        setCookie(c, stateCookieName(key), started.sealedState, stateCookie);
        return c.json({ authorization_url: started.authorizationUrl }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/oauth/{provider}/callback',
        summary: "Return from a provider's sign-in",
        tags: ['Auth'],
        request: { params: providerParams, query: callbackQuery },
        responses: { 302: { description: 'Signed in, linked, or sent back with ?error=<code>' }, ...errorResponses },
      }),
      async (c) => {
        const { provider } = c.req.valid('param');
        const name = stateCookieName(providerKey(provider));
        const session = { previousSessionHash: await presentedSessionHash(c), gateway: () => tenantGateway(c) };
        const input = { name: provider, cookie: getCookie(c, name), query: c.req.valid('query') };
        return respondToCallback(c, name, await oauth.finishOAuth(c.get('db'), oauthDeps(c), input, session, auditContext(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/sso/start',
        summary: 'Start single sign-on',
        tags: ['Auth'],
        request: { query: noQuery, ...jsonBodyOf(ssoStartBody) },
        responses: { 200: jsonContent(startResponse, 'Send the browser to the workspace’s identity provider'), ...errorResponses },
      }),
      async (c) => {
        const started = await sso.startSso(c.get('db'), ssoDeps(c), c.req.valid('json'));
        setCookie(c, stateCookieName(`sso-${started.connectionPublicId}`), started.sealedState, stateCookie);
        return c.json({ authorization_url: started.authorizationUrl }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/sso/{connection}/callback',
        summary: 'Return from single sign-on',
        tags: ['Auth'],
        request: { params: ssoCallbackParams, query: callbackQuery },
        responses: { 302: { description: 'Signed in, or sent back with ?error=<code>' }, ...errorResponses },
      }),
      async (c) => {
        const { connection } = c.req.valid('param');
        if (!/^sso_[0-9a-z]{25}$/.test(connection)) throw new AppError('NOT_FOUND', 'Single sign-on connection not found');
        const name = stateCookieName(`sso-${connection}`);
        const input = { connectionPublicId: connection, cookie: getCookie(c, name), query: c.req.valid('query') };
        const result = await sso.finishSso(
          c.get('db'),
          ssoDeps(c),
          input,
          await presentedSessionHash(c),
          auditContext(c),
          c.get('services').bus,
        );
        return respondToCallback(c, name, result);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/identities',
        summary: 'List your linked sign-in identities',
        tags: ['Auth'],
        request: { query: noQuery },
        responses: { 200: jsonContent(identityList, 'Linked sign-in providers'), ...errorResponses },
      }),
      async (c) => c.json(await oauth.listIdentities(tenantGateway(c), oauthDeps(c).providers), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me/identities/{id}',
        summary: 'Unlink a sign-in identity',
        tags: ['Auth'],
        request: { params: identityParams, query: noQuery },
        responses: { 204: { description: 'Unlinked' }, ...errorResponses },
      }),
      async (c) => {
        await oauth.unlinkIdentity(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    );
