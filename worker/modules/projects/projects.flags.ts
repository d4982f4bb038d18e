import type { FlagDeclaration } from '../module.ts';

/** The kill switch of CSV imports: on everywhere; the operator turns it off for a workspace, or a person, with `npm run flags`. */
export const csvImportFlag = 'projects.csv-import';

export const flags: Record<string, FlagDeclaration> = {
  [csvImportFlag]: {
    summary: 'Importing projects from a CSV file',
    defaults: { development: true, test: true, preview: true, production: true },
  },
};
