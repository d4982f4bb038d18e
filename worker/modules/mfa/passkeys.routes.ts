import { createRoute } from '@hono/zod-openapi';
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { presentedSessionHash, respondToSignIn, signInResponse } from '../auth/sign-in.response.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  addPasskeyBody,
  passkeyList,
  passkeyParams,
  passkeySchema,
  passkeySignInBody,
  renamePasskeyBody,
  webauthnOptions,
} from './passkeys.schema.ts';
import * as passkeys from './passkeys.service.ts';

const tags = ['Passkeys'];
/** Binds a passkey sign-in challenge to the browser that asked for it. */
const passkeyChallengeCookie = '__Host-passkey';

const rp = (c: Context<AppEnv>) => passkeys.relyingPartyOf(c.get('config').APP_ORIGIN);

export const passkeyRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/passkeys',
        summary: 'List your passkeys',
        tags,
        request: { query: noQuery },
        responses: { 200: jsonContent(passkeyList, 'The person’s passkeys'), ...errorResponses },
      }),
      async (c) => c.json(await passkeys.listPasskeys(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/passkeys/options',
        summary: 'Get options to create a passkey',
        tags,
        description:
          'Options for navigator.credentials.create; the challenge works once, for this session. Needs a recent password confirmation.',
        request: { query: noQuery },
        responses: { 200: jsonContent(webauthnOptions, 'Registration options'), ...errorResponses },
      }),
      async (c) => c.json(await passkeys.registrationOptions(tenantGateway(c), rp(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/passkeys',
        summary: 'Add a passkey',
        tags,
        request: { query: noQuery, ...jsonBodyOf(addPasskeyBody) },
        responses: { 201: jsonContent(passkeySchema, 'Registered'), ...errorResponses },
      }),
      async (c) => {
        const { name, response } = c.req.valid('json');
        const input = { name, response: response as unknown as RegistrationResponseJSON };
        return c.json(await passkeys.addPasskey(tenantGateway(c), rp(c), input, auditContext(c)), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/me/passkeys/{id}',
        summary: 'Rename a passkey',
        tags,
        request: { params: passkeyParams, query: noQuery, ...jsonBodyOf(renamePasskeyBody) },
        responses: { 200: jsonContent(passkeySchema, 'Renamed'), ...errorResponses },
      }),
      async (c) =>
        c.json(await passkeys.renamePasskey(tenantGateway(c), c.req.valid('param').id, c.req.valid('json').name, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me/passkeys/{id}',
        summary: 'Remove a passkey',
        tags,
        description: 'Removes a passkey. Needs a recent password confirmation.',
        request: { params: passkeyParams, query: noQuery },
        responses: { 204: { description: 'Removed' }, ...errorResponses },
      }),
      async (c) => {
        await passkeys.removePasskey(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/passkey/options',
        summary: 'Get options to sign in with a passkey',
        tags,
        description: 'Options for navigator.credentials.get at sign-in; the challenge works once, for this browser (cookie).',
        request: { query: noQuery },
        responses: { 200: jsonContent(webauthnOptions, 'Authentication options'), ...errorResponses },
      }),
      async (c) => {
        const { options, binding } = await passkeys.signInOptions(c.get('db'), rp(c));
        setCookie(c, passkeyChallengeCookie, binding, {
          path: '/',
          httpOnly: true,
          secure: true,
          sameSite: 'Strict',
          maxAge: passkeys.webauthnChallengeTtlSeconds,
        });
        return c.json(options as unknown as Record<string, unknown>, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/passkey/verify',
        summary: 'Sign in with a passkey',
        tags,
        description: 'Signs in with a passkey. A passkey is multi-factor itself: no second factor is asked for.',
        request: { query: noQuery, ...jsonBodyOf(passkeySignInBody) },
        responses: { 200: jsonContent(signInResponse, 'Signed in'), ...errorResponses },
      }),
      async (c) => {
        const input = {
          binding: getCookie(c, passkeyChallengeCookie) ?? null,
          response: c.req.valid('json').response as unknown as AuthenticationResponseJSON,
          previousSessionHash: await presentedSessionHash(c),
        };
        deleteCookie(c, passkeyChallengeCookie, { path: '/', secure: true });
        return respondToSignIn(c, await passkeys.signInWithPasskey(c.get('db'), rp(c), input, auditContext(c)));
      },
    );
