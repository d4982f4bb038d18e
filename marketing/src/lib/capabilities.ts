/**
 * The README's capability list ("What works today") and roadmap, bundled at build time, so the docs
 * section lists exactly what the README does and cannot go stale.
 */
import readmeText from '../../../README.md?raw';

export interface Capability {
  title: string;
  /** The README's sentence(s), as HTML: code spans, links and emphasis kept. */
  html: string;
}

function section(readme: string, heading: string): string {
  const start = readme.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The little Markdown the README's list uses: `code`, **bold**, [links](…); repository links point at GitHub-relative files. */
export function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, label: string, href: string) =>
      /^https?:/.test(href) ? `<a href="${href}">${label}</a>` : label,
    );
}

/** The top-level bullets of a section, each joined to one line. */
function bullets(markdown: string): string[] {
  const items: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('- ')) items.push(line.slice(2).trim());
    else if (/^\s{2,}\S/.test(line) && items.length) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

export function capabilitiesOf(readme: string): Capability[] {
  return bullets(section(readme, 'What works today')).map((item) => {
    const match = item.match(/^\*\*(.+?)\*\*:?\s*(.*)$/);
    const title = (match?.[1] ?? item).replace(/:$/, '');
    const body = match?.[2] ?? '';
    return { title, html: inlineMarkdown(body.charAt(0).toUpperCase() + body.slice(1)) };
  });
}

export function roadmapOf(readme: string): string[] {
  return bullets(section(readme, 'Roadmap (not built yet)')).map(inlineMarkdown);
}

export const readme = () => readmeText;
