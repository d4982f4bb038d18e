/**
 * The names `npm run new:module -- <name>` derives from a module's name, and the rules the name
 * must follow. Pure: the checks against the repository (existing modules, tables, id prefixes)
 * are in `scripts/new-module.ts`.
 */

/** Words a module may not be named: path segments the platform owns, and JavaScript's reserved words. */
export const reservedNames = new Set([
  'admin',
  'api',
  'auth',
  'me',
  'settings',
  'w',
  'workspaces',
  // JavaScript reserved words (as identifiers the templates derive from the name)
  'arguments',
  'await',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'eval',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'let',
  'new',
  'null',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'static',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
]);

export interface ModuleNames {
  /** `purchase-orders`: folders, files, URL paths, the manifest's name. */
  items: string;
  /** `purchase-order`: permission actions, id kind, audit target, file names. */
  item: string;
  /** `PurchaseOrders`, `PurchaseOrder`, `purchaseOrders`, `purchaseOrder`: identifiers. */
  Items: string;
  Item: string;
  itemsVar: string;
  itemVar: string;
  /** `purchase_order`: the table. */
  item_table: string;
  /** `Purchase orders`, `Purchase order`, `purchase orders`, `purchase order`: text a person reads. */
  Items_title: string;
  Item_title: string;
  items_words: string;
  item_words: string;
  /** `a purchase order`, `an invoice`: an operation's summary in the API reference. */
  a_item_words: string;
  /** How the web's typed client reaches the route: `.invoices` or `['purchase-orders']`. */
  itemsProp: string;
}

const kebab = /^[a-z]+(?:-[a-z]+)*$/;

/** The singular of a plural noun ending in `s`: invoices → invoice, categories → category, boxes → box. */
export function singular(plural: string): string {
  if (plural.endsWith('ies') && plural.length > 4) return `${plural.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(plural)) return plural.slice(0, -2);
  return plural.slice(0, -1);
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pascal = (kebabName: string) => kebabName.split('-').map(capitalized).join('');
const camel = (kebabName: string) => {
  const p = pascal(kebabName);
  return p.charAt(0).toLowerCase() + p.slice(1);
};

/** Why `name` cannot name a module (the rules that need no repository), or null when it can. */
export function nameProblem(name: string | undefined): string | null {
  if (!name)
    return 'Give the module a name: npm run new:module -- <name>, a plural noun in kebab-case such as invoices or purchase-orders.';
  if (reservedNames.has(name))
    return `"${name}" is a reserved word (a path the platform owns, or a JavaScript keyword): pick another name.`;
  if (!kebab.test(name))
    return `"${name}" is not kebab-case: lowercase letters, words joined by single hyphens (invoices, purchase-orders).`;
  if (!name.endsWith('s') || name.endsWith('ss') || name.length < 3) {
    return `"${name}" does not look plural: name the module after its rows, as a plural noun ending in "s" (invoices, purchase-orders).`;
  }
  for (const word of [name, singular(name), camel(name), camel(singular(name)), ...name.split('-')]) {
    if (reservedNames.has(word)) return `"${name}" uses the reserved word "${word}": pick another name.`;
  }
  return null;
}

export function moduleNames(items: string): ModuleNames {
  const item = singular(items);
  const words = (k: string) => k.replaceAll('-', ' ');
  return {
    items,
    item,
    Items: pascal(items),
    Item: pascal(item),
    itemsVar: camel(items),
    itemVar: camel(item),
    item_table: item.replaceAll('-', '_'),
    Items_title: capitalized(words(items)),
    Item_title: capitalized(words(item)),
    items_words: words(items),
    item_words: words(item),
    a_item_words: `${/^[aeiou]/.test(item) ? 'an' : 'a'} ${words(item)}`,
    itemsProp: items.includes('-') ? `['${items}']` : `.${items}`,
  };
}

/**
 * Candidate id prefixes (2 to 5 lowercase letters) for a singular kebab name, best first:
 * invoice → inv, invo, invoi; purchase-order → po, pur, puo, puor, …
 */
export function prefixCandidates(item: string): string[] {
  const parts = item.split('-');
  const letters = parts.join('');
  const candidates: string[] = [];
  if (parts.length > 1)
    candidates.push(
      parts
        .map((p) => p[0])
        .join('')
        .slice(0, 5),
    );
  for (let length = 3; length <= 5; length++) candidates.push(letters.slice(0, length));
  if (parts.length > 1) for (let length = 2; length <= 4; length++) candidates.push(`${parts[0]?.slice(0, length)}${parts.at(-1)?.[0]}`);
  for (const c of 'abcdefghijklmnopqrstuvwxyz') candidates.push(`${letters.slice(0, 3)}${c}`);
  return [...new Set(candidates)].filter((c) => /^[a-z]{2,5}$/.test(c));
}

/** Replaces every `__token__` of a template with the module's names (the longest token first). */
export function render(template: string, names: ModuleNames & { prefix: string }): string {
  const tokens = Object.keys(names).sort((a, b) => b.length - a.length);
  return template.replace(new RegExp(`__(${tokens.join('|')})__`, 'g'), (_, token: keyof typeof names) => names[token]);
}

/** What `npm run new:module` adds on request: `--attachments` links files of the workspace to the rows. */
export interface ModuleOptions {
  attachments: boolean;
}

/**
 * Keeps a template's lines marked `// @attachments` only with the option, and those marked
 * `// @no-attachments` only without it, each without its marker; other lines stay as they are.
 */
export function withOptions(template: string, options: ModuleOptions): string {
  return template
    .split('\n')
    .flatMap((line) => {
      const marker = / ?\/\/ @(no-)?attachments$/.exec(line);
      if (!marker) return [line];
      const wanted = marker[1] ? !options.attachments : options.attachments;
      return wanted ? [line.slice(0, marker.index)] : [];
    })
    .join('\n');
}
