const enc = encodeURIComponent;

/** Every URL of the app. Routes use `path`, links use `getHref`, nothing else builds URLs. */
export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  auth: {
    signup: {
      path: '/signup',
      getHref: (redirectTo?: string | null) =>
        `/signup${redirectTo ? `?redirectTo=${enc(redirectTo)}` : ''}`,
    },
    login: {
      path: '/login',
      getHref: (redirectTo?: string | null) =>
        `/login${redirectTo ? `?redirectTo=${enc(redirectTo)}` : ''}`,
    },
  },
  workspaces: {
    new: {
      path: '/workspaces/new',
      getHref: () => '/workspaces/new',
    },
  },
  settings: {
    sessions: {
      path: '/settings/sessions',
      getHref: () => '/settings/sessions',
    },
    accessTokens: {
      path: '/settings/tokens',
      getHref: () => '/settings/tokens',
    },
  },
  workspace: {
    root: {
      path: '/w/:slug',
      getHref: (slug: string) => `/w/${enc(slug)}`,
    },
    projects: {
      path: '/w/:slug/projects',
      getHref: (slug: string) => `/w/${enc(slug)}/projects`,
    },
    project: {
      path: '/w/:slug/projects/:projectId',
      getHref: (slug: string, projectId: string) => `/w/${enc(slug)}/projects/${enc(projectId)}`,
    },
    apiKeys: {
      path: '/w/:slug/api-keys',
      getHref: (slug: string) => `/w/${enc(slug)}/api-keys`,
    },
  },
} as const;

