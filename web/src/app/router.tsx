import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '@/config/paths';
import { ApiKeysRoute } from './routes/app/api-keys';
import { NewWorkspaceRoute } from './routes/app/new-workspace';
import { ProjectRoute } from './routes/app/project';
import { ProjectsRoute } from './routes/app/projects';
import { RequireAuth } from './routes/app/require-auth';
import { SessionsRoute } from './routes/app/sessions';
import { WorkspaceLayout } from './routes/app/workspace-layout';
import { LoginRoute } from './routes/auth/login';
import { SignupRoute } from './routes/auth/signup';
import { ForgotPasswordRoute } from './routes/auth/forgot-password';
import { MagicLinkConfirmRoute } from './routes/auth/magic-link-confirm';
import { MagicLinkRequestRoute } from './routes/auth/magic-link-request';
import { ResetPasswordRoute } from './routes/auth/reset-password';
import { VerifyEmailRoute } from './routes/auth/verify-email';
import { PasswordRoute } from './routes/app/password';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';

const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: paths.home.path, element: <HomeRoute /> },
      { path: paths.auth.login.path, element: <LoginRoute /> },
      { path: paths.auth.signup.path, element: <SignupRoute /> },
      { path: paths.auth.forgotPassword.path, element: <ForgotPasswordRoute /> },
      { path: paths.auth.resetPassword.path, element: <ResetPasswordRoute /> },
      { path: paths.auth.verifyEmail.path, element: <VerifyEmailRoute /> },
      { path: paths.auth.magicLink.path, element: <MagicLinkRequestRoute /> },
      { path: paths.auth.magicLinkConfirm.path, element: <MagicLinkConfirmRoute /> },
      {
        element: <RequireAuth />,
        children: [
          { path: paths.workspaces.new.path, element: <NewWorkspaceRoute /> },
          { path: paths.settings.sessions.path, element: <SessionsRoute /> },
          { path: paths.settings.password.path, element: <PasswordRoute /> },
          {
            path: paths.workspace.root.path,
            element: <WorkspaceLayout />,
            children: [
              { index: true, element: <Navigate to="projects" replace /> },
              { path: paths.workspace.projects.path, element: <ProjectsRoute /> },
              { path: paths.workspace.project.path, element: <ProjectRoute /> },
              { path: paths.workspace.apiKeys.path, element: <ApiKeysRoute /> },
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
