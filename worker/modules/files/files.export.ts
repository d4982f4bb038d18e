import type { PersonalExportPart } from '../module.ts';
import { toPublicId } from '../../kernel/ids.ts';
import * as repo from './files.repo.ts';
import { toFileDto } from './files.service.ts';

/** The files a person uploaded to one workspace: what the personal export lists under `files` (metadata; the bytes stay downloadable from the workspace). */
export const filesExport: PersonalExportPart = {
  name: 'files',
  async collect(tx, userId, workspaceId) {
    const workspace_id = toPublicId('workspace', workspaceId);
    return (await repo.selectUploadedBy(tx, userId)).map((row) => ({ ...toFileDto(row), workspace_id }));
  },
};
