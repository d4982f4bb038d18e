const enc = encodeURIComponent;

/** The sample feature's URLs. */
export const projectPaths = {
  list: {
    path: '/w/:slug/projects',
    getHref: (slug: string) => `/w/${enc(slug)}/projects`,
  },
  detail: {
    path: '/w/:slug/projects/:projectId',
    getHref: (slug: string, projectId: string) => `/w/${enc(slug)}/projects/${enc(projectId)}`,
  },
} as const;
