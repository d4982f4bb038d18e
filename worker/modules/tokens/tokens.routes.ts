import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { rateLimitRules } from '../../kernel/rate-limit.ts';
import { limited, rateLimitSubject } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { identityMailOf } from '../auth/identity-mail.context.ts';
import { issuerOf } from './tokens.issuer.ts';
import { tokenRequest, tokenResponse } from './tokens.schema.ts';
import * as tokens from './tokens.service.ts';

/** A password grant draws from the very bucket of POST /auth/login: one budget of guesses per address. */
async function throttleAsLogin(c: Context<AppEnv>) {
  const decision = await c.get('services').rateLimiter.consume(rateLimitRules.login, `ip:${rateLimitSubject(c.get('clientIp'))}`);
  if (!decision.allowed) throw limited(decision, Date.now());
}

export const tokenRoutes = () =>
  newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/auth/token',
      tags: ['Auth'],
      summary: 'Tokens for CLIs and mobile apps (OAuth 2.0 token endpoint, JSON body)',
      request: { query: noQuery, ...jsonBodyOf(tokenRequest) },
      responses: { 200: jsonContent(tokenResponse, 'An access token (15 minutes) and a refresh token (single use)'), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const issuer = issuerOf(c);
      let pair: tokens.TokenPair;
      if (input.grant_type === 'password') {
        await throttleAsLogin(c);
        pair = await tokens.passwordGrant(c.get('db'), issuer, input, auditContext(c), identityMailOf(c));
      } else {
        pair = await tokens.refreshGrant(c.get('db'), issuer, input.refresh_token, auditContext(c));
      }
      c.header('Cache-Control', 'no-store');
      c.header('Pragma', 'no-cache');
      return c.json(pair, 200);
    },
  );
