import { z } from '@hono/zod-openapi';
import { connectionInput, domainInput, ssoStartInput } from './oauth.input.ts';

export const providerParams = z.object({ provider: z.string().max(40) });

export const startBody = z
  .object({
    intent: z.enum(['sign_in', 'link']).default('sign_in'),
    next: z.string().max(2048).optional().openapi({ description: 'Same-origin path to land on afterwards' }),
  })
  .strict()
  .openapi('OAuthStartRequest');

export const startResponse = z
  .object({ authorization_url: z.string().openapi({ description: 'Send the browser here' }) })
  .openapi('OAuthStart');

/** Providers add parameters of their own (Google: scope, authuser, prompt, hd, iss): allowed and ignored. */
export const callbackQuery = z
  .object({
    code: z.string().max(2048).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(256).optional(),
  })
  .passthrough();

export const providerList = z
  .object({ items: z.array(z.object({ id: z.enum(['google', 'github']), name: z.string() })) })
  .openapi('OAuthProviders');

export const identitySchema = z
  .object({
    id: z.string().openapi({ example: 'idn_0k3w7c1r2d9m5x8b4n6q0t2y1' }),
    provider: z.string().openapi({ description: 'google, github or sso' }),
    provider_name: z.string(),
    email: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi('LinkedIdentity');

export const identityList = z
  .object({
    items: z.array(identitySchema),
    has_password: z.boolean(),
    available: providerList.shape.items,
  })
  .openapi('LinkedIdentities');

export const identityParams = z.object({ id: z.string() });

export const ssoStartBody = ssoStartInput.openapi('SsoStartRequest');

export const ssoCallbackParams = z.object({ connection: z.string().max(64) });

export const connectionBody = connectionInput
  .safeExtend({
    issuer: connectionInput.shape.issuer.openapi({ example: 'https://acme.okta.com' }),
    client_secret: connectionInput.shape.client_secret.openapi({ description: 'Required when creating; omitted keeps the stored one' }),
  })
  .openapi('SsoConnectionRequest');

export const connectionSchema = z
  .object({
    id: z.string(),
    issuer: z.string(),
    client_id: z.string(),
    default_role: z.enum(['admin', 'member', 'viewer']),
    enabled: z.boolean(),
    redirect_uri: z.string().openapi({ description: 'Register this redirect URI at the identity provider' }),
    created_at: z.string(),
    updated_at: z.string(),
    domains: z.array(
      z.object({
        domain: z.string(),
        verified: z.boolean(),
        verified_at: z.string().nullable(),
        verification: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
      }),
    ),
  })
  .openapi('SsoConnection');

export const domainBody = domainInput.openapi('SsoDomainRequest');
export const domainParams = z.object({ workspace: z.string(), domain: z.string().max(253) });
export const workspaceParams = z.object({ workspace: z.string() });
