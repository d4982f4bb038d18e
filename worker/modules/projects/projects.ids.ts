import { publicIdKind } from '../../kernel/ids.ts';

/** `prj_…`: how the API shows a project's id. */
export const projectIds = publicIdKind('project', 'prj');
