/// <reference lib="dom" />
// The DOM library: the functions passed to page.evaluate() below run in the browser.
/**
 * Every page fits a phone and a laptop, in light and dark: no horizontal scrolling, no two controls
 * drawn over each other, and no serious or critical accessibility violation (axe-core). With
 * E2E_SCREENSHOTS=<folder> it also saves each page's picture.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations, sidewaysOverflow } from '../scripts/browser.ts';
import { confirmEmail, createWorkspace, type E2EContext, signUp, type Step } from './helpers.ts';

const run = randomBytes(4).toString('hex');
const person = { name: 'Lena Layout', email: `layout-${run}@example.com`, password: `fits on every screen ${run}` };
const workspace = { name: `Layout Workspace ${run}`, slug: `layout-${run}` };

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;
const themes = ['light', 'dark'] as const;

const signedOutRoutes = ['/login', '/signup', '/forgot-password', '/login/link', '/goodbye', '/no-such-page'];
const signedInRoutes = [
  `/w/${workspace.slug}/members`,
  `/w/${workspace.slug}/teams`,
  `/w/${workspace.slug}/api-keys`,
  `/w/${workspace.slug}/settings`,
  `/w/${workspace.slug}/settings/sso`,
  `/w/${workspace.slug}/settings/billing`,
  `/w/${workspace.slug}/settings/webhooks`,
  `/w/${workspace.slug}/settings/failed-jobs`,
  `/w/${workspace.slug}/files`,
  '/workspaces/new',
  '/settings/account',
  '/settings/security',
  '/settings/security#passkeys',
  '/settings/password',
  '/settings/sign-in-methods',
  '/settings/tokens',
  '/settings/sessions',
];

/** Visible controls whose boxes cross another's by more than a hair, neither inside the other. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary';
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.closest('.sr-only, [aria-hidden=true]');
    });
    const name = (el: HTMLElement) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    const found: string[] = [];
    for (const [i, a] of controls.entries()) {
      for (const b of controls.slice(i + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 2 && h > 2) found.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    return found;
  });
}

async function checkRoute(page: Page, route: string, size: (typeof sizes)[number], theme: (typeof themes)[number]): Promise<void> {
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(route);
  await page.locator('main').first().waitFor();
  await page.waitForLoadState('networkidle');
  // A route with a #fragment is not reloaded: the theme then changes in place, and colours are
  // read once their transitions have ended.
  // The system theme's change event may still be on its way: wait for it (a page that never follows
  // fails the assertion below).
  await page
    .waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark', { timeout: 5_000 })
    .catch(() => undefined);
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  const isDark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
  assert.equal(isDark, theme === 'dark', `${route} follows the system's ${theme} theme`);
  const width = await sidewaysOverflow(page);
  const where = `${route} at ${size.width}×${size.height} (${theme})`;
  assert.ok(width.scroll <= width.client, `${where} scrolls sideways: ${width.scroll}px of content in ${width.client}px`);
  assert.deepEqual(await overlaps(page), [], `${where} draws controls over each other`);
  assert.deepEqual(await seriousAccessibilityViolations(page), [], `${where} has accessibility violations`);
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) {
    await mkdir(folder, { recursive: true });
    const file = `${route.replace(/[^a-z0-9]+/gi, '_')}-${size.name}-${theme}.png`;
    await page.screenshot({ path: join(folder, file), fullPage: true });
  }
}

/** One step per page: each visits it at both sizes in both themes. */
const everywhere = (routes: readonly string[]): Step[] =>
  routes.map((route) => ({
    name: `${route} fits a phone and a laptop, light and dark, and passes axe`,
    run: async ({ page }: E2EContext) => {
      for (const size of sizes) {
        for (const theme of themes) await checkRoute(page, route, size, theme);
      }
    },
  }));

export const scenario: Step[] = [
  ...everywhere(signedOutRoutes),
  {
    name: 'sign up, confirm the address and create a workspace',
    run: async ({ page, baseUrl }) => {
      await signUp(page, person);
      await createWorkspace(page, workspace);
      await confirmEmail(page, baseUrl, person.email);
    },
  },
  ...everywhere(signedInRoutes),
  {
    // The product modules' pages are whatever the sidebar links to beyond the platform's own.
    name: 'every product page the sidebar links to fits a phone and a laptop, light and dark, and passes axe',
    run: async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/w/${workspace.slug}/members`);
      await page.locator('main').first().waitFor();
      const linked = await page
        .getByRole('navigation')
        .locator(`a[href^="/w/${workspace.slug}/"]`)
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      const products = [...new Set(linked)].filter((href) => !signedInRoutes.includes(href));
      for (const route of products) {
        for (const size of sizes) {
          for (const theme of themes) await checkRoute(page, route, size, theme);
        }
      }
    },
  },
  {
    name: 'the theme chosen in the user menu wins over the system and survives a reload',
    run: async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(`/w/${workspace.slug}/members`);
      await page.getByRole('button', { name: 'Account menu', exact: true }).click();
      await page.getByRole('menuitemradio', { name: 'Dark', exact: true }).click();
      await page.reload();
      await page.locator('main').first().waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    },
  },
];
