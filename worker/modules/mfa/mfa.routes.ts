import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { clearChallengeCookie, presentedChallengeToken, presentedSessionHash, setSessionCookie } from '../auth/sign-in.response.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  backupCodesSchema,
  confirmTotpBody,
  mfaStatusSchema,
  reauthenticateBody,
  reauthenticatedSchema,
  totpEnabledSchema,
  totpEnrolmentSchema,
  totpRemovedSchema,
  verifiedSchema,
  verifySecondFactorBody,
} from './mfa.schema.ts';
import * as mfa from './mfa.service.ts';
import { verifySecondFactor } from './second-factor.service.ts';

const tags = ['Second factor'];
const reauthNeeded = { 403: { description: 'REAUTHENTICATION_REQUIRED: confirm the password first (error envelope)' } };

export const mfaRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/mfa',
        summary: 'Get your second-factor status',
        tags,
        request: { query: noQuery },
        responses: { 200: jsonContent(mfaStatusSchema, 'The person’s second factors'), ...errorResponses },
      }),
      async (c) => c.json(await mfa.mfaStatus(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/reauthenticate',
        summary: 'Confirm your password',
        tags,
        description: 'Confirms the password on this session; for 10 minutes it may then change second factors and passkeys.',
        request: { query: noQuery, ...jsonBodyOf(reauthenticateBody) },
        responses: { 200: jsonContent(reauthenticatedSchema, 'Confirmed'), ...errorResponses },
      }),
      async (c) => c.json(await mfa.reauthenticate(tenantGateway(c), c.get('db'), c.req.valid('json').password, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/mfa/totp',
        summary: 'Start setting up an authenticator app',
        tags,
        description: 'Starts setting up an authenticator app. Needs a recent password confirmation.',
        request: { query: noQuery },
        responses: { 200: jsonContent(totpEnrolmentSchema, 'The new secret, shown once'), ...errorResponses, ...reauthNeeded },
      }),
      async (c) => c.json(await mfa.startTotpEnrolment(tenantGateway(c), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/mfa/totp/confirm',
        summary: 'Confirm the authenticator app',
        tags,
        description:
          'Confirms the authenticator app with a current code. Ends every other way in: the other sessions, every app sign-in and every personal access token.',
        request: { query: noQuery, ...jsonBodyOf(confirmTotpBody) },
        responses: { 200: jsonContent(totpEnabledSchema, 'Enabled; the backup codes, shown once'), ...errorResponses, ...reauthNeeded },
      }),
      async (c) => {
        const { code } = c.req.valid('json');
        return c.json(await mfa.confirmTotpEnrolment(tenantGateway(c), c.get('config').APP_SECRET, code, auditContext(c)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me/mfa/totp',
        summary: 'Remove the authenticator app',
        tags,
        description: 'Removes the authenticator app and the backup codes. Ends every other session.',
        request: { query: noQuery },
        responses: { 200: jsonContent(totpRemovedSchema, 'Removed'), ...errorResponses, ...reauthNeeded },
      }),
      async (c) => c.json(await mfa.removeTotp(tenantGateway(c), auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/mfa/backup-codes',
        summary: 'Replace your backup codes',
        tags,
        description: 'Replaces the backup codes; the previous ones stop working. Ends every other session.',
        request: { query: noQuery },
        responses: { 200: jsonContent(backupCodesSchema, 'The new backup codes, shown once'), ...errorResponses, ...reauthNeeded },
      }),
      async (c) => c.json(await mfa.regenerateBackupCodes(tenantGateway(c), c.get('config').APP_SECRET, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/verify',
        summary: 'Finish signing in with a second factor',
        tags,
        description:
          'Finishes a sign-in that answered `second_factor_required`, with `{ code }` from the authenticator app or `{ backup_code }`. Five wrong codes cancel the sign-in.',
        request: { query: noQuery, ...jsonBodyOf(verifySecondFactorBody) },
        responses: { 200: jsonContent(verifiedSchema, 'Signed in'), ...errorResponses },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const proof =
          'code' in body ? { kind: 'totp' as const, code: body.code } : { kind: 'backup_code' as const, code: body.backup_code };
        const input = {
          challengeToken: presentedChallengeToken(c),
          proof,
          previousSessionHash: await presentedSessionHash(c),
          appSecret: c.get('config').APP_SECRET,
        };
        const session = await verifySecondFactor(c.get('db'), input, auditContext(c));
        setSessionCookie(c, session.token);
        clearChallengeCookie(c);
        return c.json({ user: session.user, backup_codes_remaining: session.backupCodesLeft }, 200);
      },
    );
