// One Open Graph card per page, drawn at build time (1200×630): the product's name and the page's title.
import type { APIRoute, GetStaticPaths } from 'astro';
import { ogSlug, pages, productName } from '../../site';

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export const getStaticPaths: GetStaticPaths = () => pages.map((page) => ({ params: { slug: ogSlug(page.path) }, props: { page } }));

export const GET: APIRoute = ({ props }) => {
  const page = props.page as (typeof pages)[number];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#4f46e5"/>
  <text x="80" y="140" font-family="system-ui, sans-serif" font-size="44" font-weight="700" fill="#e0e7ff">${escapeHtml(productName)}</text>
  <text x="80" y="330" font-family="system-ui, sans-serif" font-size="84" font-weight="800" fill="#ffffff">${escapeHtml(page.title)}</text>
  <text x="80" y="420" font-family="system-ui, sans-serif" font-size="34" fill="#e0e7ff">${escapeHtml(page.description.slice(0, 70))}</text>
</svg>
`;
  return new Response(svg, { headers: { 'content-type': 'image/svg+xml' } });
};
