import { publicIdKind } from '../../kernel/ids.ts';

/** An export of a person’s data: `pex_…`. */
export const personalExportIds = publicIdKind('personalExport', 'pex');
