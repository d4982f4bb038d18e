/**
 * The product this site sells. REPLACE: everything here is placeholder copy for your product;
 * `npm run rename` sets the name, and the domain in astro.config.mjs.
 */
export const productName = 'Edge SaaS';
export const tagline = 'REPLACE: one sentence that says what your product does for whom.';
/** The app's origin: log-in and sign-up links go there (the production APP_ORIGIN of wrangler.toml). */
export const appOrigin = 'https://app.example.com';
export const logInUrl = `${appOrigin}/login`;
export const signUpUrl = `${appOrigin}/signup`;

/** Every page, for the navigation, the sitemap and the Open Graph images. */
export const pages = [
  { path: '/', title: productName, description: tagline },
  { path: '/pricing/', title: 'Pricing', description: `Plans and prices of ${productName}.` },
  { path: '/changelog/', title: 'Changelog', description: `What changed in ${productName}, newest first.` },
  { path: '/blog/', title: 'Blog', description: `Notes from the team behind ${productName}.` },
  { path: '/blog/hello-world/', title: 'Hello, world', description: `Why we are building ${productName}.` },
  { path: '/docs/', title: 'Docs for the owner', description: 'Every capability of the template, how it works and how to configure it.' },
  { path: '/terms/', title: 'Terms of service', description: `The terms for using ${productName}.` },
  { path: '/privacy/', title: 'Privacy policy', description: `What ${productName} collects and why.` },
] as const;

export type PagePath = (typeof pages)[number]['path'];

/** The Open Graph image of a page, generated at build by pages/og/[slug].png.ts. */
export const ogSlug = (path: string) => (path === '/' ? 'home' : path.replaceAll('/', ' ').trim().replaceAll(' ', '-'));
