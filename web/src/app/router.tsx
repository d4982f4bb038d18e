import { createBrowserRouter, Navigate, useParams } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '@/config/paths';
import { workspaceFeatures, workspaceHome } from '@/config/workspace-features';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';
import { t } from '@/lib/i18n';
import { RequireAuth } from './routes/app/require-auth';
import { WorkspaceLayout } from './routes/app/workspace-layout';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { lazyPage } from './lazy-page';
import { accountNav, workspaceSettingsNav } from './shell/navigation';
import { SectionLayout } from './shell/section-layout';
import { SignedInLayout } from './shell/signed-in-layout';

/** `/w/:slug` opens the workspace's first feature (or its members when it has none). */
function WorkspaceIndex() {
  const { slug = '' } = useParams();
  return <Navigate to={workspaceHome(slug)} replace />;
}

function AccountSettingsLayout() {
  return <SectionLayout title={t('nav.accountSettings')} items={accountNav()} />;
}

function WorkspaceSettingsLayout() {
  const { workspace, role } = useWorkspace();
  return <SectionLayout title={t('nav.workspaceSettings')} items={workspaceSettingsNav(workspace.slug, role)} />;
}

const crumb = (label: string) => ({ crumb: label });

const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: paths.home.path, element: <HomeRoute /> },
      { path: paths.auth.login.path, element: lazyPage(() => import('./routes/auth/login'), 'LoginRoute') },
      { path: paths.auth.signup.path, element: lazyPage(() => import('./routes/auth/signup'), 'SignupRoute') },
      { path: paths.invitation.path, element: lazyPage(() => import('./routes/invites/invitation'), 'InvitationRoute') },
      { path: paths.goodbye.path, element: lazyPage(() => import('./routes/auth/goodbye'), 'GoodbyeRoute') },
      { path: paths.auth.secondFactor.path, element: lazyPage(() => import('./routes/auth/second-factor'), 'SecondFactorRoute') },
      { path: paths.auth.forgotPassword.path, element: lazyPage(() => import('./routes/auth/forgot-password'), 'ForgotPasswordRoute') },
      { path: paths.auth.resetPassword.path, element: lazyPage(() => import('./routes/auth/reset-password'), 'ResetPasswordRoute') },
      { path: paths.auth.verifyEmail.path, element: lazyPage(() => import('./routes/auth/verify-email'), 'VerifyEmailRoute') },
      { path: paths.auth.magicLink.path, element: lazyPage(() => import('./routes/auth/magic-link-request'), 'MagicLinkRequestRoute') },
      {
        path: paths.auth.magicLinkConfirm.path,
        element: lazyPage(() => import('./routes/auth/magic-link-confirm'), 'MagicLinkConfirmRoute'),
      },
      {
        path: paths.auth.confirmEmailChange.path,
        element: lazyPage(() => import('./routes/auth/confirm-email-change'), 'ConfirmEmailChangeRoute'),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <SignedInLayout />,
            children: [
              {
                path: paths.workspaces.new.path,
                element: lazyPage(() => import('./routes/app/new-workspace'), 'NewWorkspaceRoute'),
                handle: crumb(t('shell.newWorkspace')),
              },
              {
                element: <AccountSettingsLayout />,
                handle: crumb(t('nav.accountSettings')),
                children: [
                  {
                    path: paths.settings.account.path,
                    element: lazyPage(() => import('./routes/app/account'), 'AccountRoute'),
                    handle: crumb(t('nav.profile')),
                  },
                  {
                    path: paths.settings.security.path,
                    element: lazyPage(() => import('./routes/app/security'), 'SecurityRoute'),
                    handle: crumb(t('nav.security')),
                  },
                  {
                    path: paths.settings.password.path,
                    element: lazyPage(() => import('./routes/app/password'), 'PasswordRoute'),
                    handle: crumb(t('nav.password')),
                  },
                  {
                    path: paths.settings.signInMethods.path,
                    element: lazyPage(() => import('./routes/app/sign-in-methods'), 'SignInMethodsRoute'),
                    handle: crumb(t('nav.signInMethods')),
                  },
                  {
                    path: paths.settings.accessTokens.path,
                    element: lazyPage(() => import('./routes/app/access-tokens'), 'AccessTokensRoute'),
                    handle: crumb(t('nav.accessTokens')),
                  },
                  {
                    path: paths.settings.sessions.path,
                    element: lazyPage(() => import('./routes/app/sessions'), 'SessionsRoute'),
                    handle: crumb(t('nav.sessions')),
                  },
                ],
              },
              {
                path: paths.workspace.root.path,
                element: <WorkspaceLayout />,
                children: [
                  { index: true, element: <WorkspaceIndex /> },
                  ...workspaceFeatures.map((feature) => ({ handle: crumb(feature.label), children: feature.routes })),
                  {
                    path: paths.workspace.apiKeys.path,
                    element: lazyPage(() => import('./routes/app/api-keys'), 'ApiKeysRoute'),
                    handle: crumb(t('nav.apiKeys')),
                  },
                  {
                    path: paths.workspace.members.path,
                    element: lazyPage(() => import('./routes/app/members'), 'MembersRoute'),
                    handle: crumb(t('nav.members')),
                  },
                  {
                    path: paths.workspace.teams.path,
                    element: lazyPage(() => import('./routes/app/teams'), 'TeamsRoute'),
                    handle: crumb(t('nav.teams')),
                  },
                  {
                    path: paths.workspace.files.path,
                    element: lazyPage(() => import('./routes/app/files'), 'FilesRoute'),
                    handle: crumb(t('nav.files')),
                  },
                  {
                    path: paths.workspace.team.path,
                    element: lazyPage(() => import('./routes/app/teams'), 'TeamRoute'),
                    handle: crumb(t('nav.teams')),
                  },
                  {
                    element: <WorkspaceSettingsLayout />,
                    handle: crumb(t('nav.workspaceSettings')),
                    children: [
                      {
                        path: paths.workspace.settings.path,
                        element: lazyPage(() => import('./routes/app/workspace-settings'), 'WorkspaceSettingsRoute'),
                      },
                      {
                        path: paths.workspace.sso.path,
                        element: lazyPage(() => import('./routes/app/sso-settings'), 'SsoSettingsRoute'),
                        handle: crumb(t('nav.sso')),
                      },
                      {
                        path: paths.workspace.webhooks.path,
                        element: lazyPage(() => import('./routes/app/webhooks'), 'WebhooksRoute'),
                        handle: crumb(t('nav.webhooks')),
                      },
                      {
                        path: paths.workspace.webhook.path,
                        element: lazyPage(() => import('./routes/app/webhooks'), 'WebhookEndpointRoute'),
                        handle: crumb(t('nav.webhooks')),
                      },
                      {
                        path: paths.workspace.jobFailures.path,
                        element: lazyPage(() => import('./routes/app/job-failures'), 'JobFailuresRoute'),
                        handle: crumb(t('nav.jobFailures')),
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
