import { newUuid } from '../../kernel/ids.ts';
import type { DemoSeed } from '../module.ts';
import { project } from './projects.tables.ts';

/** The sample data a demo workspace opens with, and the local demo account's (`npm run db:seed`). */
export const sampleProjects: ReadonlyArray<{ name: string; description: string; status: 'active' | 'archived' }> = [
  { name: 'Website redesign', description: 'New landing page, pricing table and a lighter checkout.', status: 'active' },
  { name: 'Mobile app', description: 'iOS and Android clients on the public API.', status: 'active' },
  { name: 'Billing migration', description: 'Move invoices and subscriptions to the new payment provider.', status: 'active' },
  { name: 'Customer onboarding', description: 'Guided setup, sample data and a welcome email series.', status: 'active' },
  { name: 'Legacy reporting', description: 'The old CSV exports, kept read-only until Q3.', status: 'archived' },
];

/** Inserted directly, not through the service: no events, so the demo never counts as an activation. */
export const projectsDemoSeed: DemoSeed = {
  async seed(db, { workspaceId, userId }) {
    await db.insert(project).values(sampleProjects.map((p) => ({ id: newUuid(), workspaceId, ...p, createdBy: userId })));
  },
};
