import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { system, type Tx } from '../../db/gateway.ts';
import { sendNotificationMail } from './notification-mail.ts';
import { DEFAULT_DIGEST, requireKind } from './notifications.kinds.ts';
import * as repo from './notifications.repo.ts';

const digestUnit = { hourly: 'hour', daily: 'day' } as const;

/**
 * Mails each person the chatty notifications that did not reach them live, batched per kind into the
 * hourly or daily digest they chose (`notification-preferences`). Enqueued by the quarter-hour cron;
 * safe to run twice, even at once: each digest's rows are claimed in the transaction that mails them.
 * A kind whose email was turned off meanwhile is claimed and not mailed.
 */
export const sendDigests = defineJob({
  name: 'notifications.digest',
  version: 1,
  payload: z.object({}).strict(),
  async handle(_payload, deps) {
    const hourAgo = { digest_before: sql`date_trunc('hour', now())::text` };
    const due = await system(deps.db, { role: 'owner', lookup: hourAgo }).query((q) => repo.selectDigestDue(q));
    const people = new Map<string, { workspaceId: string; personId: string; kinds: string[] }>();
    for (const row of due) {
      const key = `${row.workspaceId}:${row.personId}`;
      const entry = people.get(key) ?? { workspaceId: row.workspaceId, personId: row.personId, kinds: [] };
      entry.kinds.push(row.kind);
      people.set(key, entry);
    }
    let mailed = 0;
    for (const person of people.values()) {
      mailed += await system(deps.db, { role: 'owner', workspace: person.workspaceId }).interactive((tx) => digestFor(tx, deps, person));
    }
    return { people: people.size, mailed };
  },
});

async function digestFor(tx: Tx, deps: JobDeps, person: { workspaceId: string; personId: string; kinds: string[] }): Promise<number> {
  const [recipient] = await repo.selectRecipients(tx, person.kinds[0] as string, null, person.personId);
  if (!recipient) return 0;
  const choices = await repo.selectEmailPreferences(tx, person.personId);
  let mailed = 0;
  for (const kindName of person.kinds) {
    const choice = choices.find((c) => c.kind === kindName);
    const cadence = choice?.digest ?? DEFAULT_DIGEST;
    const rows = await repo.claimDigest(tx, person.personId, kindName, digestUnit[cadence]);
    if (rows.length === 0 || choice?.enabled === false) continue;
    const texts = rows.map((r) => (r.payload as { text?: string }).text ?? kindName);
    await sendNotificationMail(deps, tx, {
      to: { personId: person.personId, email: recipient.email },
      workspace: { id: person.workspaceId, name: recipient.workspaceName },
      kindName,
      kind: requireKind(kindName),
      lines: texts,
      link: `/w/${recipient.workspaceSlug}`,
      digest: cadence,
    });
    mailed += 1;
  }
  return mailed;
}
