import { DurableObject } from 'cloudflare:workers';
import type { InboxMessage } from '../worker/kernel/mailer.ts';
import type { SentWebhook } from '../worker/kernel/webhook-inbox.ts';

/** Oldest messages beyond this many are dropped, so a long dev session cannot fill the object. */
const KEEP = 500;
const MAX_LIST = 200;

type Row = Record<string, SqlStorageValue> & {
  id: string;
  from_addr: string;
  to_addr: string;
  subject: string;
  html: string;
  text: string;
  tag: string | null;
  headers: string | null;
  created_at: string;
};

const toMessage = (row: Row): InboxMessage => ({
  id: row.id,
  from: row.from_addr,
  to: row.to_addr,
  subject: row.subject,
  html: row.html,
  text: row.text,
  tag: row.tag,
  headers: row.headers ? (JSON.parse(row.headers) as InboxMessage['headers']) : {},
  createdAt: row.created_at,
});

/**
 * The dev inbox: every message "sent" in development and tests, kept in this object's SQLite
 * storage (one object, named `inbox`). Read through `/api/dev/inbox` and `/dev/inbox`, which exist
 * only when APP_ENV is development or test; production configuration refuses this provider.
 *
 * @example
 * const inbox = env.DEV_INBOX.get(env.DEV_INBOX.idFromName('inbox'));
 * await inbox.deliver({ from: 'a@example.com', to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', tag: null });
 * const [latest] = await inbox.list({ to: 'ada@example.com' });
 */
export class DevInbox extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS message (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      from_addr TEXT NOT NULL,
      to_addr TEXT NOT NULL,
      subject TEXT NOT NULL,
      html TEXT NOT NULL,
      text TEXT NOT NULL,
      tag TEXT,
      created_at TEXT NOT NULL
    )`);
    // An inbox created before messages carried headers gets the column (development data survives restarts).
    const columns = ctx.storage.sql.exec<{ name: string }>('PRAGMA table_info(message)').toArray();
    if (!columns.some((column) => column.name === 'headers')) ctx.storage.sql.exec('ALTER TABLE message ADD COLUMN headers TEXT');
    ctx.storage.sql.exec('CREATE INDEX IF NOT EXISTS message_to ON message (to_addr COLLATE NOCASE, seq)');
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS webhook (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      sent TEXT NOT NULL
    )`);
  }

  /** Keeps the webhook attempts the app made (development and tests): the webhook inbox. */
  recordWebhooks(sent: Array<Omit<SentWebhook, 'id' | 'createdAt'>>): { ids: string[] } {
    const sql = this.ctx.storage.sql;
    const createdAt = new Date().toISOString();
    const ids = sent.map((one) => {
      const id = `dwh_${crypto.randomUUID().replaceAll('-', '')}`;
      sql.exec('INSERT INTO webhook (sent) VALUES (?)', JSON.stringify({ id, ...one, createdAt }));
      return id;
    });
    sql.exec('DELETE FROM webhook WHERE seq <= (SELECT MAX(seq) FROM webhook) - ?', KEEP);
    return { ids };
  }

  /** Newest first. */
  listWebhooks(limit = 50): SentWebhook[] {
    const rows = this.ctx.storage.sql.exec<{ sent: string }>(
      'SELECT sent FROM webhook ORDER BY seq DESC LIMIT ?',
      Math.min(Math.max(1, Math.trunc(limit)), MAX_LIST),
    );
    return rows.toArray().map((row) => JSON.parse(row.sent) as SentWebhook);
  }

  /** Stores one message and answers its id (`dev_…`). */
  deliver(message: Omit<InboxMessage, 'id' | 'createdAt'>): { id: string } {
    const id = `dev_${crypto.randomUUID().replaceAll('-', '')}`;
    const sql = this.ctx.storage.sql;
    sql.exec(
      'INSERT INTO message (id, from_addr, to_addr, subject, html, text, tag, headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      id,
      message.from,
      message.to,
      message.subject,
      message.html,
      message.text,
      message.tag,
      JSON.stringify(message.headers),
      new Date().toISOString(),
    );
    sql.exec('DELETE FROM message WHERE seq <= (SELECT MAX(seq) FROM message) - ?', KEEP);
    return { id };
  }

  /** Newest first; `to` compares case-insensitively. */
  list(filter: { to?: string; limit?: number } = {}): InboxMessage[] {
    const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? 50)), MAX_LIST);
    const sql = this.ctx.storage.sql;
    const rows = filter.to
      ? sql.exec<Row>('SELECT * FROM message WHERE to_addr = ? COLLATE NOCASE ORDER BY seq DESC LIMIT ?', filter.to, limit)
      : sql.exec<Row>('SELECT * FROM message ORDER BY seq DESC LIMIT ?', limit);
    return rows.toArray().map(toMessage);
  }

  get(id: string): InboxMessage | null {
    const [row] = this.ctx.storage.sql.exec<Row>('SELECT * FROM message WHERE id = ?', id).toArray();
    return row ? toMessage(row) : null;
  }

  /** Empties the inbox. */
  clear(): void {
    this.ctx.storage.sql.exec('DELETE FROM message');
  }
}
