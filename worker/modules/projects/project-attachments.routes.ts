import { attachmentRoutes } from '../files/attachments.routes.ts';
import type { Attachable } from '../files/attachments.service.ts';
import { projectIds } from './projects.ids.ts';
import { project, projectAttachment } from './projects.tables.ts';

/** Files of the workspace attached to a project: the files module's attachment routes, for projects. */
const projectAttachments: Attachable = {
  links: projectAttachment,
  owner: { table: project, id: project.id, deletedAt: project.deletedAt },
  ids: projectIds,
  noun: 'project',
  read: 'project:read',
  update: 'project:update',
};

export const projectAttachmentRoutes = () => attachmentRoutes('/w/{workspace}/projects/{id}', projectAttachments, ['Projects']);
