import { z } from '@hono/zod-openapi';
import { preferenceChangeInput } from './notifications.input.ts';
import { pageOf, pageQueryFields } from '../router.ts';

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    /** The sentence to show. */
    text: z.string(),
    /** Where the web app shows what it is about. */
    link: z.string(),
    read_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('Notification', {
    example: {
      id: 'ntf_03hd5bdod59kra855f10b0dyi',
      kind: 'member.joined',
      text: 'Grace Hopper joined Acme',
      link: '/w/acme/members',
      read_at: null,
      created_at: '2026-12-06T09:12:44.120Z',
    },
  });

export const notificationPage = pageOf(notificationSchema, 'NotificationPage');

export const listNotificationsQuery = z
  .object({
    ...pageQueryFields,
    /** `true`: only the unread ones. */
    unread: z.enum(['true', 'false']).default('false'),
  })
  .strict();

export const unreadCount = z.object({ unread: z.number().int() }).openapi('NotificationUnreadCount', { example: { unread: 3 } });

export const markedAll = z.object({ marked: z.number().int() }).openapi('NotificationsMarkedRead', { example: { marked: 3 } });

const channelPreference = z.object({
  enabled: z.boolean(),
  /** False when this channel cannot be turned off for the kind (security and billing email). */
  can_disable: z.boolean(),
});

export const preferenceSchema = z
  .object({
    kind: z.string(),
    summary: z.string(),
    category: z.enum(['security', 'billing', 'product']),
    chatty: z.boolean(),
    in_app: channelPreference,
    email: channelPreference.extend({
      /** A chatty kind's email comes in this digest; null for the others (mailed at once). */
      digest: z.enum(['hourly', 'daily']).nullable(),
    }),
  })
  .openapi('NotificationPreference', {
    example: {
      kind: 'member.invited',
      summary: 'Someone was invited to the workspace',
      category: 'product',
      chatty: true,
      in_app: { enabled: true, can_disable: true },
      email: { enabled: true, can_disable: true, digest: 'daily' },
    },
  });

export const preferenceList = z.object({ items: z.array(preferenceSchema) }).openapi('NotificationPreferenceList');

export const updatePreferenceBody = preferenceChangeInput.openapi('UpdateNotificationPreferenceRequest', {
  example: { channel: 'email', enabled: false },
});

export const workspaceParams = z.object({ workspace: z.string() });
export const notificationParams = z.object({ workspace: z.string(), id: z.string() });
export const kindParams = z.object({ workspace: z.string(), kind: z.string().max(100) });
