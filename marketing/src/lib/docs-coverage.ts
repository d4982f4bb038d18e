/**
 * Whether the owner's docs list exactly the README's capabilities. The README's list is read here on
 * its own terms (each "- **Title:**" bullet of "## What works today"), not through the parser the
 * docs page is built with, and the docs through their rendered HTML (each `<section
 * class="capability">`'s heading), so a page that drops, adds or renames a capability is caught.
 */

/** The titles of the README's "What works today" list. */
export function readmeCapabilityTitles(readme: string): string[] {
  const start = readme.indexOf('## What works today');
  if (start < 0) return [];
  const end = readme.indexOf('\n## ', start + 3);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^- \*\*(.+?):?\*\*/gm)].map((match) => match[1] ?? '');
}

const decodeEntities = (text: string) =>
  text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** The titles of the capability sections of a rendered docs page. */
export function docsCapabilityTitles(html: string): string[] {
  return [...html.matchAll(/<section\b[^>]*\bclass="capability\b[^"]*"[^>]*>\s*<h2\b[^>]*>([^<]+)<\/h2>/g)].map((match) =>
    decodeEntities((match[1] ?? '').trim()),
  );
}

/** What differs, one sentence each; empty when the docs list exactly the README's capabilities. */
export function capabilityMismatches(readme: string, docsHtml: string): string[] {
  const inReadme = readmeCapabilityTitles(readme);
  const inDocs = docsCapabilityTitles(docsHtml);
  if (inReadme.length === 0) return ['the README lists no capability under "## What works today"'];
  return [
    ...inReadme.filter((title) => !inDocs.includes(title)).map((title) => `the docs lack the README's capability "${title}"`),
    ...inDocs.filter((title) => !inReadme.includes(title)).map((title) => `the docs list "${title}", which the README's list lacks`),
  ];
}
