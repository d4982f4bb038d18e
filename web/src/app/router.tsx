import { createBrowserRouter, Navigate, useParams } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '@/config/paths';
import { workspaceFeatures, workspaceHome } from '@/config/workspace-features';
import { useWorkspace } from '@/features/workspaces/hooks/use-workspace';
import { t } from '@/lib/i18n';
import { AccountRoute } from './routes/app/account';
import { AccessTokensRoute } from './routes/app/access-tokens';
import { ApiKeysRoute } from './routes/app/api-keys';
import { MembersRoute } from './routes/app/members';
import { TeamRoute, TeamsRoute } from './routes/app/teams';
import { InvitationRoute } from './routes/invites/invitation';
import { NewWorkspaceRoute } from './routes/app/new-workspace';
import { RequireAuth } from './routes/app/require-auth';
import { SecurityRoute } from './routes/app/security';
import { SessionsRoute } from './routes/app/sessions';
import { SignInMethodsRoute } from './routes/app/sign-in-methods';
import { SsoSettingsRoute } from './routes/app/sso-settings';
import { WorkspaceLayout } from './routes/app/workspace-layout';
import { WorkspaceSettingsRoute } from './routes/app/workspace-settings';
import { GoodbyeRoute } from './routes/auth/goodbye';
import { LoginRoute } from './routes/auth/login';
import { SecondFactorRoute } from './routes/auth/second-factor';
import { SignupRoute } from './routes/auth/signup';
import { ForgotPasswordRoute } from './routes/auth/forgot-password';
import { MagicLinkConfirmRoute } from './routes/auth/magic-link-confirm';
import { MagicLinkRequestRoute } from './routes/auth/magic-link-request';
import { ResetPasswordRoute } from './routes/auth/reset-password';
import { VerifyEmailRoute } from './routes/auth/verify-email';
import { ConfirmEmailChangeRoute } from './routes/auth/confirm-email-change';
import { PasswordRoute } from './routes/app/password';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
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
      { path: paths.auth.login.path, element: <LoginRoute /> },
      { path: paths.auth.signup.path, element: <SignupRoute /> },
      { path: paths.invitation.path, element: <InvitationRoute /> },
      { path: paths.goodbye.path, element: <GoodbyeRoute /> },
      { path: paths.auth.secondFactor.path, element: <SecondFactorRoute /> },
      { path: paths.auth.forgotPassword.path, element: <ForgotPasswordRoute /> },
      { path: paths.auth.resetPassword.path, element: <ResetPasswordRoute /> },
      { path: paths.auth.verifyEmail.path, element: <VerifyEmailRoute /> },
      { path: paths.auth.magicLink.path, element: <MagicLinkRequestRoute /> },
      { path: paths.auth.magicLinkConfirm.path, element: <MagicLinkConfirmRoute /> },
      { path: paths.auth.confirmEmailChange.path, element: <ConfirmEmailChangeRoute /> },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <SignedInLayout />,
            children: [
              { path: paths.workspaces.new.path, element: <NewWorkspaceRoute />, handle: crumb(t('shell.newWorkspace')) },
              {
                element: <AccountSettingsLayout />,
                handle: crumb(t('nav.accountSettings')),
                children: [
                  { path: paths.settings.account.path, element: <AccountRoute />, handle: crumb(t('nav.profile')) },
                  { path: paths.settings.security.path, element: <SecurityRoute />, handle: crumb(t('nav.security')) },
                  { path: paths.settings.password.path, element: <PasswordRoute />, handle: crumb(t('nav.password')) },
                  { path: paths.settings.signInMethods.path, element: <SignInMethodsRoute />, handle: crumb(t('nav.signInMethods')) },
                  { path: paths.settings.accessTokens.path, element: <AccessTokensRoute />, handle: crumb(t('nav.accessTokens')) },
                  { path: paths.settings.sessions.path, element: <SessionsRoute />, handle: crumb(t('nav.sessions')) },
                ],
              },
              {
                path: paths.workspace.root.path,
                element: <WorkspaceLayout />,
                children: [
                  { index: true, element: <WorkspaceIndex /> },
                  ...workspaceFeatures.map((feature) => ({ handle: crumb(feature.label), children: feature.routes })),
                  { path: paths.workspace.apiKeys.path, element: <ApiKeysRoute />, handle: crumb(t('nav.apiKeys')) },
                  { path: paths.workspace.members.path, element: <MembersRoute />, handle: crumb(t('nav.members')) },
                  { path: paths.workspace.teams.path, element: <TeamsRoute />, handle: crumb(t('nav.teams')) },
                  { path: paths.workspace.team.path, element: <TeamRoute />, handle: crumb(t('nav.teams')) },
                  {
                    element: <WorkspaceSettingsLayout />,
                    handle: crumb(t('nav.workspaceSettings')),
                    children: [
                      { path: paths.workspace.settings.path, element: <WorkspaceSettingsRoute /> },
                      { path: paths.workspace.sso.path, element: <SsoSettingsRoute />, handle: crumb(t('nav.sso')) },
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
