import { publicIdKind } from '../../kernel/ids.ts';

/** One notification in a person's inbox: `ntf_…`. */
export const notificationIds = publicIdKind('notification', 'ntf');
