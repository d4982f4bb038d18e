/**
 * Renames the product everywhere: display name, package and Worker names, resource names (buckets,
 * queues, the Neon project), the app's title, the mail sender, marketing copy, the deployed
 * origins' domain and, optionally, the primary colour's hue. The current identity is kept in
 * scripts/rename/identity.json, so renaming again (to the same name: nothing changes; to another:
 * from the current one) always knows what to replace.
 */
import { inGamutChroma } from './oklch-gamut.ts';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Identity {
  name: string;
  slug: string;
  domain: string;
  hue: number;
}

export const identityFile = 'scripts/rename/identity.json';

/**
 * Not renamed: applied migrations and decision records are history; the secret box's key-derivation
 * salt names the template, and changing it would make every stored encrypted secret unreadable.
 */
export const keptPaths = [
  /^migrations\//,
  /^docs\/decisions\//,
  /^bench\/(results\.json|RESULTS\.md|PROFILE\.md)$/,
  /^worker\/kernel\/secret-box\.ts$/,
];
/** Where the domain is the product's own (the deployed origins and sender), not an RFC 2606 example. */
const domainFiles = ['wrangler.toml', 'marketing/astro.config.mjs', 'marketing/src/site.ts'];
const hueFiles = ['web/src/styles/index.css', 'marketing/src/styles/global.css'];
const textExtension = /\.(ts|tsx|mts|mjs|js|json|jsonc|toml|md|astro|html|css|svg|txt|yml|yaml|example)$/;
const ignoredDirs = new Set(['.git', 'node_modules', '.data', '.wrangler', 'dist', '.astro', 'coverage', 'out']);

/** A name as Workers, R2, queues and cookies accept it: lower-case letters, digits and single hyphens. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Why the new identity cannot be used, or null. */
export function identityProblem(identity: Identity): string | null {
  if (!identity.name.trim() || /[<>"\n]/.test(identity.name))
    return 'the name must be non-empty and have no <, > or quotes (it is the mail sender’s name)';
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(identity.slug)) {
    return `"${identity.slug}" is not a usable identifier: 2–40 lower-case letters, digits and hyphens, starting with a letter (resource names add up to 23 characters to it, and the limit is 63)`;
  }
  if (!/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(identity.domain))
    return `"${identity.domain}" is not a domain name`;
  if (!Number.isInteger(identity.hue) || identity.hue < 0 || identity.hue > 360) return 'the hue is a whole number of degrees, 0 to 360';
  return null;
}

export function renameText(path: string, text: string, from: Identity, to: Identity): string {
  // The domain is set aside first: the slug may be part of it (acme in acme.com), and only the
  // deployment's files change it.
  const sentinel = '\u0000domain\u0000';
  const ownDomain = domainFiles.includes(path);
  // "Edge SaaS Template" names the template, not the product: the word goes with the first rename.
  // Renaming to the current name changes nothing, so a product called "… Template" keeps it.
  const without = (text: string, suffixed: string, word: string, renamed: boolean) => (renamed ? text.replaceAll(suffixed, word) : text);
  let next = text.replace(
    new RegExp(`([.@])${from.domain.replaceAll('.', '\\.')}\\b`, 'g'),
    (_match, mark: string) => `${mark}${sentinel}`,
  );
  next = without(next, `${from.name} Template`, from.name, from.name !== to.name);
  next = without(next, `${from.slug}-template`, from.slug, from.slug !== to.slug)
    .replaceAll(from.name, to.name)
    .replaceAll(from.slug, to.slug)
    .replaceAll(from.slug.replaceAll('-', '_'), to.slug.replaceAll('-', '_'))
    .replaceAll(sentinel, ownDomain ? to.domain : from.domain);
  if (hueFiles.includes(path)) {
    // Every brand-coloured token (primary, hover, ring, soft accent, text on the brand) has the
    // brand's hue; the neutrals carry a faint tint of their own (chroma under 0.02) and keep it.
    // A token moved to another hue keeps its lightness; its chroma is lowered to what that hue can
    // show in sRGB, so the browser does not lighten it (and a link keep its contrast).
    next = next.replace(
      /(--[\w-]+: oklch\()([\d.]+) ([\d.]+) (\d+)\b/g,
      (match, head: string, lightness: string, chroma: string, hue: string) => {
        if (Number(hue) !== from.hue || Number(chroma) < 0.02 || to.hue === from.hue) return match;
        return `${head}${lightness} ${inGamutChroma(Number(lightness), Number(chroma), to.hue)} ${to.hue}`;
      },
    );
  }
  return next;
}

async function textFiles(root: string, dir = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !ignoredDirs.has(entry.name)) files.push(...(await textFiles(root, path)));
    else if (entry.isFile() && (textExtension.test(entry.name) || entry.name.startsWith('.')) && !keptPaths.some((p) => p.test(path)))
      files.push(path);
  }
  return files;
}

/** Renames the tree at `root` to `to`; returns the files it changed (none when it already is `to`). */
export async function renameTree(root: string, to: Identity): Promise<string[]> {
  const from = JSON.parse(await readFile(join(root, identityFile), 'utf8')) as Identity;
  const changed: string[] = [];
  for (const path of await textFiles(root)) {
    if (path === identityFile) continue;
    const text = await readFile(join(root, path), 'utf8');
    const next = renameText(path, text, from, to);
    if (next !== text) {
      await writeFile(join(root, path), next);
      changed.push(path);
    }
  }
  const identity = `${JSON.stringify(to, null, 2)}\n`;
  if ((await readFile(join(root, identityFile), 'utf8')) !== identity) {
    await writeFile(join(root, identityFile), identity);
    changed.push(identityFile);
  }
  return changed;
}

/** Every file under `root` (what the rename skips as build output aside) with a hash of its content. */
export async function treeDigest(root: string, dir = ''): Promise<Map<string, string>> {
  const digest = new Map<string, string>();
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !ignoredDirs.has(entry.name)) {
      for (const [child, hash] of await treeDigest(root, path)) digest.set(child, hash);
    } else if (entry.isFile()) {
      digest.set(
        path,
        createHash('sha256')
          .update(await readFile(join(root, path)))
          .digest('hex'),
      );
    }
  }
  return digest;
}

/** The files added, removed or changed between two digests of a tree. */
export function changedBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

const binaryExtension = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|wasm|pdf|zip|gz)$/;

/**
 * The files that still name `identity` (its name in any case and with any separator, its slug,
 * its slug with underscores), outside what the rename keeps on purpose: what a rename missed.
 */
export async function leftovers(root: string, identity: Identity): Promise<string[]> {
  const words = (text: string) => text.split(/[\s_-]+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp([identity.name, identity.slug].map((text) => words(text).join('[\\s_-]?')).join('|'), 'i');
  const found: string[] = [];
  for (const path of (await treeDigest(root)).keys()) {
    if (path === identityFile || binaryExtension.test(path) || keptPaths.some((kept) => kept.test(path))) continue;
    if (pattern.test(await readFile(join(root, path), 'utf8'))) found.push(path);
  }
  return found.sort();
}
