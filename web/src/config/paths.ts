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
      getHref: (redirectTo?: string | null) => `/signup${redirectTo ? `?redirectTo=${enc(redirectTo)}` : ''}`,
    },
    login: {
      path: '/login',
      getHref: (redirectTo?: string | null) => `/login${redirectTo ? `?redirectTo=${enc(redirectTo)}` : ''}`,
    },
    /** The worker redirects here too (`next`), so the name of its parameter is part of the API. */
    secondFactor: {
      path: '/login/second-factor',
      getHref: (next?: string | null) => `/login/second-factor${next ? `?next=${enc(next)}` : ''}`,
    },
    forgotPassword: {
      path: '/forgot-password',
      getHref: () => '/forgot-password',
    },
    /** Mailed links land on these three; the token rides in the fragment. */
    resetPassword: {
      path: '/reset-password',
      getHref: () => '/reset-password',
    },
    verifyEmail: {
      path: '/verify-email',
      getHref: () => '/verify-email',
    },
    magicLinkConfirm: {
      path: '/magic-link',
      getHref: () => '/magic-link',
    },
    magicLink: {
      path: '/login/link',
      getHref: () => '/login/link',
    },
    /** The link mailed to a new address lands here, token in the fragment. */
    confirmEmailChange: {
      path: '/confirm-email-change',
      getHref: () => '/confirm-email-change',
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
    password: {
      path: '/settings/password',
      getHref: () => '/settings/password',
    },
    account: {
      path: '/settings/account',
      getHref: () => '/settings/account',
    },
    security: {
      path: '/settings/security',
      getHref: () => '/settings/security',
    },
    signInMethods: {
      path: '/settings/sign-in-methods',
      getHref: () => '/settings/sign-in-methods',
    },
    accessTokens: {
      path: '/settings/tokens',
      getHref: () => '/settings/tokens',
    },
  },
  goodbye: {
    path: '/goodbye',
    getHref: () => '/goodbye',
  },
  workspace: {
    root: {
      path: '/w/:slug',
      getHref: (slug: string) => `/w/${enc(slug)}`,
    },
    apiKeys: {
      path: '/w/:slug/api-keys',
      getHref: (slug: string) => `/w/${enc(slug)}/api-keys`,
    },
    settings: {
      path: '/w/:slug/settings',
      getHref: (slug: string) => `/w/${enc(slug)}/settings`,
    },
    members: {
      path: '/w/:slug/members',
      getHref: (slug: string) => `/w/${enc(slug)}/members`,
    },
    teams: {
      path: '/w/:slug/teams',
      getHref: (slug: string) => `/w/${enc(slug)}/teams`,
    },
    team: {
      path: '/w/:slug/teams/:teamId',
      getHref: (slug: string, teamId: string) => `/w/${enc(slug)}/teams/${enc(teamId)}`,
    },
    sso: {
      path: '/w/:slug/settings/sso',
      getHref: (slug: string) => `/w/${enc(slug)}/settings/sso`,
    },
    webhooks: {
      path: '/w/:slug/settings/webhooks',
      getHref: (slug: string) => `/w/${enc(slug)}/settings/webhooks`,
    },
    webhook: {
      path: '/w/:slug/settings/webhooks/:endpointId',
      getHref: (slug: string, endpointId: string) => `/w/${enc(slug)}/settings/webhooks/${enc(endpointId)}`,
    },
    files: {
      path: '/w/:slug/files',
      getHref: (slug: string) => `/w/${enc(slug)}/files`,
    },
    jobFailures: {
      path: '/w/:slug/settings/failed-jobs',
      getHref: (slug: string) => `/w/${enc(slug)}/settings/failed-jobs`,
    },
  },
  invitation: {
    path: '/invites/:token',
    getHref: (token: string) => `/invites/${enc(token)}`,
  },
} as const;
