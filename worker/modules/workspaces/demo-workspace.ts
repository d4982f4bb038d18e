import { isUniqueViolation } from '../../db/errors.ts';
import type { TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { demoSeeds } from '../assembly.ts';
import * as onboarding from './onboarding.repo.ts';
import * as repo from './workspaces.repo.ts';

export const DEMO_WORKSPACE_NAME = 'Demo workspace';

const demoSlug = () => `demo-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`;

const toDto = (w: { id: string; slug: string; name: string; createdAt: Date }) => ({
  id: toPublicId('workspace', w.id),
  slug: w.slug,
  name: w.name,
  role: 'owner' as const,
  created_at: w.createdAt.toISOString(),
  demo: true as const,
});

/**
 * Opens a personal demo workspace seeded with each module's sample data (`demoSeed` in its
 * manifest), so a new person can look around before setting up their own. One per person: asking
 * again returns the one they have. Seeds insert directly, not through services, so they publish no
 * events and the demo never counts as an activation (the activation listener also skips demos).
 */
export async function openDemoWorkspace(gateway: TenantGateway, context: AuditContext) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await gateway.write(async (tx, scope, session) => {
        if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'Only a signed-in person can open a demo workspace');
        const actor = scope.actor;
        const existing = await onboarding.findOwnDemoWorkspace(tx, actor.userId);
        if (existing) return { created: false, workspace: toDto(existing) };
        const id = newUuid();
        await session.enterWorkspace(id);
        const created = await repo.insertWorkspace(tx, { id, slug: demoSlug(), name: DEMO_WORKSPACE_NAME, isDemo: true });
        if (!created) throw new AppError('INTERNAL', 'The demo workspace was not created');
        await repo.insertMembership(tx, { id: newUuid(), workspaceId: id, userId: actor.userId, role: 'owner' });
        for (const seed of demoSeeds()) await seed.seed(tx, { workspaceId: id, userId: actor.userId });
        await recordAudit(
          tx,
          { workspaceId: id, actor, action: 'workspace.created', target: { type: 'workspace', id }, metadata: { demo: true } },
          context,
        );
        return { created: true, workspace: toDto(created) };
      });
    } catch (error) {
      // A random slug that happens to be taken: try another one.
      if (!isUniqueViolation(error, 'workspace_slug_key') || attempt >= 2) throw error;
    }
  }
}
