/**
 * Every module of the app, one line each. The app's routes, the permission table, the id kinds, the
 * job registry, the bus, the onboarding checklist, the personal export, account erasure and the demo
 * workspace are assembled from these manifests (`assembly.ts`). Add your module with one line here;
 * remove it by deleting its folder and its line. Modules are assembled in the order of these names.
 */
export { accountModule } from './account/account.module.ts';
export { apiKeysModule } from './api-keys/api-keys.module.ts';
export { auditModule } from './audit/audit.module.ts';
export { authModule } from './auth/auth.module.ts';
export { billingModule } from './billing/billing.module.ts';
export { eventsModule } from './events/events.module.ts';
export { filesModule } from './files/files.module.ts';
export { flagsModule } from './flags/flags.module.ts';
export { jobsModule } from './jobs/jobs.module.ts';
export { mailModule } from './mail/mail.module.ts';
export { membersModule } from './members/members.module.ts';
export { mfaModule } from './mfa/mfa.module.ts';
export { notificationsModule } from './notifications/notifications.module.ts';
export { oauthModule } from './oauth/oauth.module.ts';
export { personalAccessTokensModule } from './personal-access-tokens/personal-access-tokens.module.ts';
export { projectsModule } from './projects/projects.module.ts';
export { realtimeModule } from './realtime/realtime.module.ts';
export { sessionsModule } from './sessions/sessions.module.ts';
export { systemModule } from './system/system.module.ts';
export { tokensModule } from './tokens/tokens.module.ts';
export { usersModule } from './users/users.module.ts';
export { workspacesModule } from './workspaces/workspaces.module.ts';
export { webhooksModule } from './webhooks/webhooks.module.ts';
