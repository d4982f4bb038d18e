import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { AppError } from './kernel/errors.ts';
import { auth } from './middleware/auth.ts';
import { cors } from './middleware/cors.ts';
import { csrf } from './middleware/csrf.ts';
import { idempotency } from './middleware/idempotency.ts';
import { jsonBody } from './middleware/json-body.ts';
import { logger } from './middleware/logger.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { recovery } from './middleware/recovery.ts';
import { requestContext } from './middleware/request-context.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { tenant } from './middleware/tenant.ts';
import { tracing } from './middleware/tracing.ts';
import { accountRoutes } from './modules/account/account.routes.ts';
import { apiKeyRoutes } from './modules/api-keys/api-keys.routes.ts';
import { auditExportRoutes } from './modules/audit/audit-exports.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { emailAuthRoutes } from './modules/auth/email-auth.routes.ts';
import { emailChangeRoutes } from './modules/auth/email-change.routes.ts';
import { oauthRoutes } from './modules/oauth/oauth.routes.ts';
import { ssoRoutes } from './modules/oauth/sso.routes.ts';
import { devInboxRoutes } from './modules/mail/dev-inbox.routes.ts';
import { inviteRoutes } from './modules/members/invites.routes.ts';
import { memberRoutes } from './modules/members/members.routes.ts';
import { teamRoutes } from './modules/members/teams.routes.ts';
import { mfaRoutes } from './modules/mfa/mfa.routes.ts';
import { passkeyRoutes } from './modules/mfa/passkeys.routes.ts';
import { projectRoutes } from './modules/projects/projects.routes.ts';
import { sessionRoutes } from './modules/sessions/sessions.routes.ts';
import { referencePage } from './modules/system/reference-page.ts';
import { healthRoutes } from './modules/system/system.routes.ts';
import { onboardingRoutes } from './modules/workspaces/onboarding.routes.ts';
import { workspaceRoutes } from './modules/workspaces/workspaces.routes.ts';
import { workspaceSettingsRoutes } from './modules/workspaces/workspace-settings.routes.ts';
import { personalAccessTokenRoutes } from './modules/personal-access-tokens/personal-access-tokens.routes.ts';
import { jwksRoutes, tokenRoutes } from './modules/tokens/tokens.routes.ts';

export const openApiInfo = { title: 'Edge SaaS API', version: '1.0.0' };

/**
 * The app and its one chain, in order:
 *   recovery → request-id → logger → tracing → CORS → rate limit → auth → tenant → CSRF → idempotency
 * `recovery` is Hono's error boundary (every throw from any link or handler ends there);
 * security headers, request context (config, services, database) and the JSON body guard sit
 * between the listed links where they first have what they need.
 */
export function newApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(recovery);
  app.notFound(() => {
    throw new AppError('NOT_FOUND', 'No such route');
  });

  app.use(requestId());
  app.use(securityHeaders());
  app.use(logger());
  app.use(tracing());
  app.use(requestContext());
  app.use('/api/*', cors());
  app.use(rateLimit());
  app.use('/api/*', jsonBody());

  // Session routes: a person (or, where allowed, an API key) must be signed in.
  app.use('/api/v1/me', auth());
  app.use('/api/v1/me/sessions/*', auth());
  app.use('/api/v1/me/mfa', auth());
  app.use('/api/v1/me/mfa/*', auth());
  app.use('/api/v1/me/reauthenticate', auth());
  app.use('/api/v1/me/passkeys', auth());
  app.use('/api/v1/me/passkeys/*', auth());
  app.use('/api/v1/me/password', auth());
  app.use('/api/v1/me/identities/*', auth());
  app.use('/api/v1/me/tokens', auth());
  app.use('/api/v1/me/tokens/*', auth());
  app.use('/api/v1/workspaces', auth());
  app.use('/api/v1/workspaces/demo', auth());
  app.use('/api/v1/me/exports', auth());
  app.use('/api/v1/me/exports/*', auth());
  app.use('/api/v1/me/email', auth());
  // Tenant routes: the workspace comes from the path; membership is checked with the credential.
  app.use('/api/v1/w/:workspace/*', auth(), tenant());
  // Public auth routes read an optional session (log-in rotates it, log-out revokes it).
  app.use('/api/v1/auth/*', auth({ required: false }));
  // Invitation links: reading one needs only the link; accepting needs a signed-in person.
  app.use('/api/v1/invites/*', auth({ required: false }));
  app.use('/api/*', csrf());
  // Idempotency is opt-in per creating route: its stored responses must never hold a secret
  // (an API key is shown once, so key creation is not replayable).
  app.use('/api/v1/w/:workspace/projects', idempotency());

  const api = app
    .route('/', healthRoutes)
    .route('/api/v1', authRoutes)
    .route('/api/v1', sessionRoutes)
    .route('/api/v1', workspaceRoutes)
    .route('/api/v1', apiKeyRoutes)
    .route('/api/v1', projectRoutes)
    .route('/api/v1', auditExportRoutes)
    .route('/api/v1', workspaceSettingsRoutes)
    .route('/api/v1', memberRoutes)
    .route('/api/v1', inviteRoutes)
    .route('/api/v1', teamRoutes)
    .route('/api/v1', accountRoutes)
    .route('/api/v1', onboardingRoutes)
    .route('/api/v1', mfaRoutes)
    .route('/api/v1', passkeyRoutes)
    .route('/api/v1', emailAuthRoutes)
    .route('/api/v1', oauthRoutes)
    .route('/api/v1', ssoRoutes)
    .route('/api/v1', tokenRoutes)
    .route('/api/v1', personalAccessTokenRoutes)
    .route('/api/v1', emailChangeRoutes)
    .route('/', jwksRoutes);

  // Development and tests only: each route answers 404 unless APP_ENV is one of those.
  app.route('/', devInboxRoutes);

  app.doc31('/api/v1/openapi.json', { openapi: '3.1.0', info: openApiInfo });
  app.get('/api/v1/docs', (c) => c.html(referencePage(app.getOpenAPI31Document({ openapi: '3.1.0', info: openApiInfo }) as Parameters<typeof referencePage>[0])));
  return api;
}

export type AppType = ReturnType<typeof newApp>;
