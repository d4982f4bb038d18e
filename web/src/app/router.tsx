import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '@/config/paths';
import { AccessTokensRoute } from './routes/app/access-tokens';
import { ApiKeysRoute } from './routes/app/api-keys';
import { NewWorkspaceRoute } from './routes/app/new-workspace';
import { ProjectRoute } from './routes/app/project';
import { ProjectsRoute } from './routes/app/projects';
import { RequireAuth } from './routes/app/require-auth';
import { SessionsRoute } from './routes/app/sessions';
import { WorkspaceLayout } from './routes/app/workspace-layout';
import { LoginRoute } from './routes/auth/login';
import { SignupRoute } from './routes/auth/signup';
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
      {
        element: <RequireAuth />,
        children: [
          { path: paths.workspaces.new.path, element: <NewWorkspaceRoute /> },
          { path: paths.settings.sessions.path, element: <SessionsRoute /> },
          { path: paths.settings.accessTokens.path, element: <AccessTokensRoute /> },
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
