/**
 * Two people in one workspace, each in a browser context of their own: what one does to the
 * projects shows in the other's list within a second, with no reload (the workspace's realtime hub
 * tells the page which query to refetch); each sees the other online; removing the second person
 * closes their connection, which then stays closed, and their page says their access ended. Lives with the sample module, whose pages it watches.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { confirmEmail, createWorkspace, fromPage, mailedLink, signUp, type Step } from '../../../../e2e/helpers.ts';

const run = randomBytes(4).toString('hex');
const ada = { name: 'Ada Live', email: `live-ada-${run}@example.com`, password: `live ada horse ${run}` };
const bo = { name: 'Bo Live', email: `live-bo-${run}@example.com`, password: `live bo horse ${run}` };
const workspace = { name: `Live Co ${run}`, slug: `live-${run}` };

const projectList = (page: Page) => page.getByRole('list', { name: 'Projects', exact: true });
const projectRow = (page: Page, name: string) => projectList(page).getByRole('listitem').filter({ hasText: name });
const online = (page: Page) => page.getByRole('list', { name: 'Online now', exact: true });

let second: Page | null = null;
/** Bo's realtime sockets, as the browser saw them open and close. */
const boSockets: Array<{ closed: boolean }> = [];
const boPage = () => {
  if (!second) throw new Error('the second browser is not open');
  return second;
};

/** Waits for `condition` and says how long it took, so a step can hold it to a second. */
async function within(ms: number, what: string, condition: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  await condition();
  const took = Date.now() - started;
  assert.ok(took <= ms, `${what} took ${took} ms (at most ${ms})`);
}

export const scenario: Step[] = [
  {
    name: 'Ada makes a workspace and invites Bo, who joins from a second browser',
    async run({ page, baseUrl, secondBrowser }) {
      await signUp(page, ada);
      await confirmEmail(page, baseUrl, ada.email);
      await page.goto('/workspaces/new');
      await createWorkspace(page, workspace);
      await page.waitForURL(`**/w/${workspace.slug}/projects`);
      const invited = await fromPage(page, `/api/v1/w/${workspace.slug}/invites`, {
        method: 'POST',
        body: { email: bo.email, role: 'member' },
      });
      assert.equal(invited.status, 201);
      const link = await mailedLink(baseUrl, bo.email, 'invite', /https?:\/\/\S+\/invites\/[A-Za-z0-9_-]{43}/);

      second = await secondBrowser('Bo', { clientIp: '198.51.100.201' });
      second.on('websocket', (socket) => {
        if (!socket.url().includes('/realtime/connect')) return;
        const seen = { closed: false };
        boSockets.push(seen);
        socket.on('close', () => {
          seen.closed = true;
        });
      });
      await signUp(boPage(), bo);
      const accepted = await fromPage(boPage(), `/api/v1${link.pathname}/accept`, { method: 'POST' });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      await boPage().goto(`/w/${workspace.slug}/projects`);
      await boPage().getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    },
  },
  {
    name: 'each sees the other online',
    async run({ page }) {
      await page.reload();
      await online(page).getByLabel(bo.name, { exact: true }).waitFor({ timeout: 5000 });
      await online(boPage()).getByLabel(ada.name, { exact: true }).waitFor({ timeout: 5000 });
      assert.equal(await online(page).getAttribute('data-realtime'), 'open');
    },
  },
  {
    name: 'a project Ada creates, renames and deletes follows in Bo’s list within a second, with no reload',
    async run({ page }) {
      let reloaded = false;
      boPage().on('load', () => {
        reloaded = true;
      });
      const name = `Launch ${run}`;
      const created = await fromPage(page, `/api/v1/w/${workspace.slug}/projects`, { method: 'POST', body: { name } });
      assert.equal(created.status, 201);
      await within(1000, 'the new project', () => projectRow(boPage(), name).waitFor({ timeout: 1000 }));

      const renamed = await fromPage(page, `/api/v1/w/${workspace.slug}/projects/${created.body.id}`, {
        method: 'PATCH',
        body: { name: `Relaunch ${run}` },
      });
      assert.equal(renamed.status, 200);
      await within(1000, 'the rename', () => projectRow(boPage(), `Relaunch ${run}`).waitFor({ timeout: 1000 }));

      const deleted = await fromPage(page, `/api/v1/w/${workspace.slug}/projects/${created.body.id}`, { method: 'DELETE' });
      assert.equal(deleted.status, 204);
      await within(1000, 'the deletion', () => projectRow(boPage(), `Relaunch ${run}`).waitFor({ state: 'detached', timeout: 1000 }));
      assert.equal(reloaded, false, 'Bo’s page reloaded');
    },
  },
  {
    name: 'removing Bo closes Bo’s connection for good, tells Bo access ended, and takes Bo off Ada’s list of people online',
    async run({ page }) {
      const members = await fromPage(page, `/api/v1/w/${workspace.slug}/members`);
      const member = (members.body.items as Array<{ id: string; user: { email: string } }>).find((m) => m.user.email === bo.email);
      assert.ok(member);
      const removed = await fromPage(page, `/api/v1/w/${workspace.slug}/members/${member.id}`, { method: 'DELETE' });
      assert.equal(removed.status, 204);
      assert.ok(
        boSockets.some((socket) => !socket.closed),
        'Bo has an open socket',
      );
      // The hub says access ended and closes the socket (4401); the page stops and says so, within a
      // second of the removal.
      await within(1000, 'closing Bo’s connection', () =>
        boPage().getByRole('status').filter({ hasText: 'Access ended' }).waitFor({ timeout: 1000 }),
      );
      await online(page).getByLabel(bo.name, { exact: true }).waitFor({ state: 'detached', timeout: 1000 });
      // The closing handshake ends too, and no new socket is opened with a new ticket.
      const deadline = Date.now() + 10_000;
      while (boSockets.some((socket) => !socket.closed) && Date.now() < deadline) await boPage().waitForTimeout(50);
      assert.ok(
        boSockets.every((socket) => socket.closed),
        'Bo’s socket is still open',
      );
      const opened = boSockets.length;
      await boPage().waitForTimeout(3000);
      assert.equal(boSockets.length, opened, 'Bo’s page opened another socket after its access ended');
      await second?.context().close();
      second = null;
    },
  },
];
