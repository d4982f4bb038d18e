import type { FlagDeclaration } from '../module.ts';

/**
 * The kill switch of audit log exports (a job over a workspace's whole log): on everywhere; the
 * operator turns it off for a workspace, or a person, with `npm run flags`. Exports already made
 * can still be downloaded.
 */
export const auditExportFlag = 'audit.exports';

export const flags: Record<string, FlagDeclaration> = {
  [auditExportFlag]: {
    summary: 'Exporting the audit log',
    defaults: { development: true, test: true, preview: true, production: true },
  },
};
