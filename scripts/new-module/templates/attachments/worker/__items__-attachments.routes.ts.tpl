import { attachmentRoutes } from '../files/attachments.routes.ts';
import type { Attachable } from '../files/attachments.service.ts';
import { __itemVar__Ids } from './__items__.ids.ts';
import { __itemVar__, __itemVar__Attachment } from './__items__.tables.ts';

/** Files of the workspace attached to __a_item_words__: the files module's attachment routes, for __items_words__. */
const __itemVar__Attachments: Attachable = {
  links: __itemVar__Attachment,
  owner: { table: __itemVar__, id: __itemVar__.id, deletedAt: __itemVar__.deletedAt },
  ids: __itemVar__Ids,
  noun: '__item__',
  read: '__item__:read',
  update: '__item__:update',
};

export const __itemVar__AttachmentRoutes = () => attachmentRoutes('/w/{workspace}/__items__/{id}', __itemVar__Attachments, ['__Items_title__']);
