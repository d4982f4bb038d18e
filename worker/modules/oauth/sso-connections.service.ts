import { isUniqueViolation } from '../../db/errors.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { TxtResolver } from '../../kernel/dns.ts';
import { AppError } from '../../kernel/errors.ts';
import { IdentityProviderError, type OidcProviderFactory } from '../../kernel/identity-provider.ts';
import { newUuid } from '../../kernel/ids.ts';
import { randomToken } from '../../kernel/crypto.ts';
import { seal } from '../../kernel/secret-box.ts';
import { assertCan } from '../access.ts';
import { entitled } from '../entitlements.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './oauth.repo.ts';
import { clientSecretPurpose, ssoCallbackPath } from './sso-sign-in.service.ts';
import { ssoConnectionIds } from './oauth.ids.ts';

/** Where the workspace publishes the proof that it controls a domain: a TXT record. */
export const verificationRecordName = (domain: string) => `_edge-saas-challenge.${domain}`;
const verificationRecordValue = (token: string) => `edge-saas-domain-verification=${token}`;

export interface ConnectionInput {
  issuer: string;
  client_id: string;
  client_secret?: string | undefined;
  default_role?: 'admin' | 'member' | 'viewer' | undefined;
  enabled?: boolean | undefined;
}

type Row = Awaited<ReturnType<typeof repo.selectConnectionWithDomains>>[number];

function toDto(rows: Row[], appOrigin: string) {
  const first = rows[0];
  if (!first) throw new AppError('NOT_FOUND', 'This workspace has no single sign-on connection');
  return {
    id: ssoConnectionIds.toPublic(first.id),
    issuer: first.issuer,
    client_id: first.clientId,
    default_role: first.defaultRole,
    enabled: first.enabled,
    redirect_uri: new URL(ssoCallbackPath(first.id), appOrigin).toString(),
    created_at: first.createdAt.toISOString(),
    updated_at: first.updatedAt.toISOString(),
    domains: rows.flatMap((r) =>
      r.domain && r.verificationToken
        ? [
            {
              domain: r.domain,
              verified: r.verifiedAt !== null,
              verified_at: r.verifiedAt?.toISOString() ?? null,
              verification: {
                type: 'TXT' as const,
                name: verificationRecordName(r.domain),
                value: verificationRecordValue(r.verificationToken),
              },
            },
          ]
        : [],
    ),
  };
}

/** The workspace's connection with its domains; one round trip. */
export async function getConnection(gateway: TenantGateway, appOrigin: string) {
  const { scope, result } = await gateway.read((http) => repo.selectConnectionWithDomains(http));
  assertCan(scope, 'sso:read');
  return toDto(result, appOrigin);
}

export interface ManageDeps {
  appSecret: string;
  appOrigin: string;
  /** http:// issuers are accepted only in development and tests. */
  allowHttpIssuer: boolean;
  openIdConnect: OidcProviderFactory;
}

/** The issuer must publish a discovery document naming itself; checked before anything is saved. */
async function checkIssuer(deps: ManageDeps, input: ConnectionInput) {
  const issuer = new URL(input.issuer);
  if (issuer.protocol !== 'https:' && !(deps.allowHttpIssuer && issuer.protocol === 'http:')) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { issuer: ['must be an https:// URL'] } });
  }
  try {
    await deps.openIdConnect({ issuer: input.issuer, clientId: input.client_id, clientSecret: '', redirectUri: deps.appOrigin });
  } catch (error) {
    if (!(error instanceof IdentityProviderError)) throw error;
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      fields: { issuer: [`has no usable OpenID Connect discovery document (${error.reason})`] },
    });
  }
}

/**
 * Creates the workspace's connection or changes it. The client secret is required on creation,
 * optional afterwards (kept when absent), sealed before it is stored and never shown again.
 */
export async function saveConnection(gateway: TenantGateway, deps: ManageDeps, input: ConnectionInput, context: AuditContext) {
  const { scope } = await gateway.read((http) => repo.selectConnectionWithDomains(http));
  assertCan(scope, 'sso:manage');
  entitled(scope.workspace, 'sso');
  await checkIssuer(deps, input);
  const sealed = input.client_secret ? await seal(deps.appSecret, clientSecretPurpose, input.client_secret) : null;
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'sso:manage');
    entitled(scope.workspace, 'sso');
    const existing = await repo.selectConnection(tx);
    if (!existing) {
      if (!sealed) throw new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: { client_secret: ['is required'] } });
      const id = newUuid();
      const values = {
        issuer: input.issuer,
        clientId: input.client_id,
        defaultRole: input.default_role ?? 'member',
        enabled: input.enabled ?? true,
      };
      await repo.insertConnection(tx, { id, workspaceId, clientSecretSealed: sealed, createdBy: scope.userId, ...values });
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'sso_connection.created',
          target: { type: 'sso_connection', id },
          metadata: { issuer: values.issuer, client_id: values.clientId, default_role: values.defaultRole, enabled: values.enabled },
        },
        context,
      );
      return;
    }
    const patch = {
      issuer: input.issuer,
      clientId: input.client_id,
      ...(input.default_role ? { defaultRole: input.default_role } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(sealed ? { clientSecretSealed: sealed } : {}),
    };
    const changed = [
      ...(patch.issuer !== existing.issuer ? ['issuer'] : []),
      ...(patch.clientId !== existing.clientId ? ['client_id'] : []),
      ...(patch.defaultRole && patch.defaultRole !== existing.defaultRole ? ['default_role'] : []),
      ...(patch.enabled !== undefined && patch.enabled !== existing.enabled ? ['enabled'] : []),
      ...(sealed ? ['client_secret'] : []),
    ];
    await repo.updateConnection(tx, existing.id, patch);
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'sso_connection.updated',
        target: { type: 'sso_connection', id: existing.id },
        metadata: {
          changed,
          issuer: patch.issuer,
          default_role: patch.defaultRole ?? existing.defaultRole,
          enabled: patch.enabled ?? existing.enabled,
        },
      },
      context,
    );
  });
  return getConnection(gateway, deps.appOrigin);
}

export async function deleteConnection(gateway: TenantGateway, context: AuditContext) {
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'sso:manage');
    entitled(scope.workspace, 'sso');
    const existing = await repo.selectConnection(tx);
    if (!existing || !(await repo.deleteConnection(tx, existing.id)))
      throw new AppError('NOT_FOUND', 'This workspace has no single sign-on connection');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'sso_connection.deleted',
        target: { type: 'sso_connection', id: existing.id },
        metadata: { issuer: existing.issuer },
      },
      context,
    );
  });
}

const hostnamePattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function normaliseDomain(text: string): string | null {
  const domain = text.trim().toLowerCase().replace(/\.$/, '');
  return hostnamePattern.test(domain) ? domain : null;
}

/** Claims a domain for the connection; it routes sign-ins once its TXT record is verified. */
export async function addDomain(gateway: TenantGateway, appOrigin: string, domainText: string, context: AuditContext) {
  const domain = normaliseDomain(domainText);
  if (!domain)
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      fields: { domain: ['must be a domain name such as example.com'] },
    });
  try {
    await gateway.write(async (tx, scope) => {
      const workspaceId = assertCan(scope, 'sso:manage');
      entitled(scope.workspace, 'sso');
      const connection = await repo.selectConnection(tx);
      if (!connection) throw new AppError('NOT_FOUND', 'This workspace has no single sign-on connection');
      await repo.insertDomain(tx, { id: newUuid(), workspaceId, connectionId: connection.id, domain, verificationToken: randomToken(24) });
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'sso_domain.added',
          target: { type: 'sso_connection', id: connection.id },
          metadata: { domain },
        },
        context,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error, 'sso_domain_workspace_domain_key')) {
      throw new AppError('CONFLICT', 'This domain is already on the list', { fields: { domain: ['is already added'] } });
    }
    throw error;
  }
  return getConnection(gateway, appOrigin);
}

/** Looks the TXT record up through the configured DNS-over-HTTPS resolver; present → verified. */
export async function verifyDomain(
  gateway: TenantGateway,
  resolver: TxtResolver,
  appOrigin: string,
  domainText: string,
  context: AuditContext,
) {
  const domain = normaliseDomain(domainText);
  if (!domain) throw new AppError('NOT_FOUND', 'Domain not found');
  const { scope, result } = await gateway.read((http) => repo.selectConnectionWithDomains(http));
  assertCan(scope, 'sso:manage');
  const row = result.find((r) => r.domain === domain);
  if (!row?.verificationToken) throw new AppError('NOT_FOUND', 'Domain not found');
  if (!row.verifiedAt) {
    const values = await resolver.txt(verificationRecordName(domain));
    if (!values.includes(verificationRecordValue(row.verificationToken))) {
      throw new AppError(
        'DOMAIN_NOT_VERIFIED',
        `No TXT record ${verificationRecordName(domain)} with the verification value was found; DNS changes can take a while to appear`,
      );
    }
    try {
      await gateway.write(async (tx, scope) => {
        const workspaceId = assertCan(scope, 'sso:manage');
        const current = await repo.findDomain(tx, domain);
        if (!current) throw new AppError('NOT_FOUND', 'Domain not found');
        await repo.markDomainVerified(tx, current.id);
        await recordAudit(
          tx,
          {
            workspaceId,
            actor: scope.actor,
            action: 'sso_domain.verified',
            target: { type: 'sso_connection', id: current.connectionId },
            metadata: { domain },
          },
          context,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'sso_domain_verified_key')) {
        throw new AppError('DOMAIN_TAKEN', 'Another workspace has already verified this domain');
      }
      throw error;
    }
  }
  return getConnection(gateway, appOrigin);
}

export async function removeDomain(gateway: TenantGateway, appOrigin: string, domainText: string, context: AuditContext) {
  const domain = normaliseDomain(domainText);
  if (!domain) throw new AppError('NOT_FOUND', 'Domain not found');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'sso:manage');
    const removed = await repo.deleteDomain(tx, domain);
    if (!removed) throw new AppError('NOT_FOUND', 'Domain not found');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'sso_domain.removed',
        target: { type: 'sso_domain', id: removed.id },
        metadata: { domain },
      },
      context,
    );
  });
  return getConnection(gateway, appOrigin);
}
