import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  kindParams,
  listNotificationsQuery,
  markedAll,
  notificationPage,
  notificationParams,
  notificationSchema,
  preferenceList,
  preferenceSchema,
  unreadCount,
  updatePreferenceBody,
  workspaceParams,
} from './notifications.schema.ts';
import * as notifications from './notifications.service.ts';
import * as preferences from './preferences.service.ts';

const tags = ['Notifications'];

export const notificationRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/notifications',
        summary: 'List my notifications',
        tags,
        description: "The signed-in person's notifications in this workspace, newest first. `unread=true` keeps the unread ones.",
        request: { params: workspaceParams, query: listNotificationsQuery },
        responses: { 200: jsonContent(notificationPage, 'A page of notifications'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.listNotifications(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/notifications/unread-count',
        summary: 'Count my unread notifications',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(unreadCount, 'How many are unread'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.unreadCount(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/notifications/{id}/read',
        summary: 'Mark a notification read',
        tags,
        description: 'Marking it again keeps the first time.',
        request: { params: notificationParams, query: noQuery },
        responses: { 200: jsonContent(notificationSchema, 'The notification, read'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.markRead(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/notifications/read-all',
        summary: 'Mark all my notifications read',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(markedAll, 'How many were marked'), ...errorResponses },
      }),
      async (c) => c.json(await notifications.markAllRead(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/notification-preferences',
        summary: 'List my notification preferences',
        tags,
        description: 'Every notification kind, with what the signed-in person receives in this workspace, in the app and by email.',
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(preferenceList, 'The preferences'), ...errorResponses },
      }),
      async (c) => c.json(await preferences.listPreferences(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/w/{workspace}/notification-preferences/{kind}',
        summary: 'Set a notification preference',
        tags,
        description:
          'Turns one channel of one kind on or off; security and billing email cannot be turned off (409 `NOTIFICATION_REQUIRED`).',
        request: { params: kindParams, query: noQuery, ...jsonBodyOf(updatePreferenceBody) },
        responses: { 200: jsonContent(preferenceSchema, 'The preference'), ...errorResponses },
      }),
      async (c) => c.json(await preferences.updatePreference(tenantGateway(c), c.req.valid('param').kind, c.req.valid('json')), 200),
    );
