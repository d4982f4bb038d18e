const enc = encodeURIComponent;

export const __itemVar__Paths = {
  list: {
    path: '/w/:slug/__items__',
    getHref: (slug: string) => `/w/${enc(slug)}/__items__`,
  },
  detail: {
    path: '/w/:slug/__items__/:id',
    getHref: (slug: string, id: string) => `/w/${enc(slug)}/__items__/${enc(id)}`,
  },
} as const;
