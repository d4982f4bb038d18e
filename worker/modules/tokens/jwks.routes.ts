import { createRoute } from '@hono/zod-openapi';
import { publicJwk } from '../../kernel/signing-keys.ts';
import { errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import { issuerOf } from './tokens.issuer.ts';
import { jwksResponse } from './tokens.schema.ts';

/** The public keys that verify access tokens, retired ones included until they are removed. */
export const jwksRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Get the access-token signing keys',
    tags: ['Auth'],
    request: { query: noQuery },
    responses: { 200: jsonContent(jwksResponse, 'JSON Web Key Set'), ...errorResponses },
  }),
  (c) => {
    const issuer = issuerOf(c);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ keys: issuer.keys.map(publicJwk) }, 200);
  },
);
