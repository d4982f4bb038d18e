import type { APIRoute } from 'astro';
import { pages } from '../site';

export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL('https://example.invalid');
  const urls = pages.map((page) => `  <url><loc>${new URL(page.path, base).href}</loc></url>`).join('\n');
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`,
    {
      headers: { 'content-type': 'application/xml; charset=utf-8' },
    },
  );
};
