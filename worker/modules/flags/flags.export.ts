import { eq } from 'drizzle-orm';
import { toPublicId } from '../../kernel/ids.ts';
import type { PersonalExportPart } from '../module.ts';
import { flagOverride } from './flags.tables.ts';

/** The features the operator turned on or off for the person in the workspace in context (`content.feature_flag_overrides`). */
export const flagOverridesExport: PersonalExportPart = {
  name: 'feature_flag_overrides',
  async collect(tx, userId, workspaceId) {
    const rows = await tx
      .select({ flag: flagOverride.flag, enabled: flagOverride.enabled, updatedAt: flagOverride.updatedAt })
      .from(flagOverride)
      .where(eq(flagOverride.personId, userId))
      .orderBy(flagOverride.flag);
    return rows.map((row) => ({
      workspace_id: toPublicId('workspace', workspaceId),
      flag: row.flag,
      enabled: row.enabled,
      updated_at: row.updatedAt.toISOString(),
    }));
  },
};
