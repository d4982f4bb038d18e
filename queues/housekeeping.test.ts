import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspectSql, ownerSql } from '../worker/test/db.ts';
import { delivery, envelope, idempotencyKeysLeft, runBatch, runsOf, seedIdempotencyKeys } from './test/fixtures.ts';
import { setContextText } from '../worker/db/context.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Relative to the database clock, as Postgres intervals: '-2 hours' is two hours ago. */
type Ago = string;

/**
 * One person's rows in every table a purge job touches, each named for what it is. Times are
 * relative to now; a row is either past its purge's cutoff (`gone…`) or not (`kept…`). Rows of the
 * other purges are seeded too, so a job that reached beyond its own tables would show.
 */
async function seedPerson() {
  const sql = ownerSql();
  const userId = crypto.randomUUID();
  const id = () => crypto.randomUUID();
  const rows = {
    signInChallenge: {} as Record<string, string>,
    webauthnChallenge: {} as Record<string, string>,
    emailToken: {} as Record<string, string>,
    loginThrottle: {} as Record<string, string>,
    tokenFamily: {} as Record<string, string>,
    refreshToken: {} as Record<string, string>,
    personalAccessToken: {} as Record<string, string>,
    session: {} as Record<string, string>,
  };
  const statements = [
    sql`insert into "user" (id, email, name, password_hash) values (${userId}, ${`purge-${userId}@example.com`}, 'Purge', 'x')`,
  ];

  const signInChallenge = (name: string, expires: Ago, done: { consumed?: Ago; burnt?: Ago } = {}) => {
    rows.signInChallenge[name] = id();
    statements.push(sql`
      insert into sign_in_challenge (id, token_hash, user_id, method, created_at, expires_at, consumed_at, burnt_at)
      values (${rows.signInChallenge[name]}, ${id()}, ${userId}, 'password', now() + ${expires}::interval - interval '5 minutes',
              now() + ${expires}::interval, now() + ${done.consumed ?? null}::interval, now() + ${done.burnt ?? null}::interval)`);
  };
  signInChallenge('goneExpired', '-2 hours');
  signInChallenge('goneConsumed', '-2 hours', { consumed: '-123 minutes' });
  signInChallenge('goneBurnt', '-3 hours', { burnt: '-181 minutes' });
  signInChallenge('keptExpiredWithinGrace', '-30 minutes');
  signInChallenge('keptLive', '4 minutes');

  const webauthnChallenge = (name: string, expires: Ago) => {
    rows.webauthnChallenge[name] = id();
    statements.push(sql`
      insert into webauthn_challenge (id, purpose, challenge, user_id, binding_hash, expires_at)
      values (${rows.webauthnChallenge[name]}, 'authentication', ${id()}, ${userId}, ${id()}, now() + ${expires}::interval)`);
  };
  webauthnChallenge('goneExpired', '-2 hours');
  webauthnChallenge('keptExpiredWithinGrace', '-30 minutes');
  webauthnChallenge('keptLive', '4 minutes');

  const emailToken = (name: string, purpose: string, expires: Ago, used: Ago | null = null) => {
    rows.emailToken[name] = id();
    statements.push(sql`
      insert into email_token (id, user_id, email, purpose, token_hash, expires_at, used_at)
      values (${rows.emailToken[name]}, ${userId}, ${`purge-${userId}@example.com`}, ${purpose}, ${id()},
              now() + ${expires}::interval, now() + ${used}::interval)`);
  };
  emailToken('goneVerify', 'verify_email', '-2 hours');
  emailToken('goneReset', 'password_reset', '-1 day');
  emailToken('goneMagicLinkSpent', 'magic_link', '-90 minutes', '-100 minutes');
  emailToken('goneEmailChange', 'email_change', '-2 hours');
  emailToken('keptExpiredWithinGrace', 'magic_link', '-30 minutes');
  emailToken('keptSpentNotYetExpired', 'verify_email', '20 hours', '-2 hours');
  emailToken('keptLive', 'password_reset', '50 minutes');

  const loginThrottle = (name: string, windowStarted: Ago, lockedUntil: Ago | null = null, failures = 3) => {
    rows.loginThrottle[name] = `purge-${id()}`;
    statements.push(sql`
      insert into login_throttle (email_hash, failures, window_started_at, locked_until)
      values (${rows.loginThrottle[name]}, ${failures}, now() + ${windowStarted}::interval, now() + ${lockedUntil}::interval)`);
  };
  loginThrottle('goneWindowLongOver', '-3 hours');
  loginThrottle('goneLockLongOver', '-3 hours', '-2 hours', 10);
  // The hour ended 30 minutes ago: inert already, but inside the grace.
  loginThrottle('keptWindowJustOver', '-90 minutes');
  loginThrottle('keptCurrentWindow', '-10 minutes');
  loginThrottle('keptLocked', '-10 minutes', '50 minutes', 10);
  // Not a state the throttle writes; the purge still never lifts a lock in force.
  loginThrottle('keptOldWindowLockInForce', '-3 hours', '10 minutes', 10);

  const tokenFamily = (name: string, expires: Ago, revoked: Ago | null, refresh: Record<string, Ago | null>) => {
    rows.tokenFamily[name] = id();
    statements.push(sql`
      insert into token_family (id, user_id, created_at, expires_at, revoked_at, revoke_reason)
      values (${rows.tokenFamily[name]}, ${userId}, now() + ${expires}::interval - interval '30 days', now() + ${expires}::interval,
              now() + ${revoked}::interval, ${revoked ? 'test' : null})`);
    for (const [token, used] of Object.entries(refresh)) {
      rows.refreshToken[`${name}.${token}`] = id();
      statements.push(sql`
        insert into refresh_token (id, family_id, token_hash, used_at)
        values (${rows.refreshToken[`${name}.${token}`]}, ${rows.tokenFamily[name]}, ${id()}, now() + ${used}::interval)`);
    }
  };
  tokenFamily('goneExpired', '-31 days', null, { spent: '-40 days', unused: null });
  tokenFamily('goneRevoked', '-5 days', '-31 days', { spent: '-32 days' });
  tokenFamily('keptExpiredRecently', '-5 days', null, { spent: '-6 days', unused: null });
  tokenFamily('keptRevokedRecently', '20 days', '-5 days', { spent: '-5 days' });
  tokenFamily('keptLive', '20 days', null, { spent: '-9 days', unused: null });

  const personalAccessToken = (name: string, expires: Ago, revoked: Ago | null = null) => {
    rows.personalAccessToken[name] = id();
    statements.push(sql`
      insert into personal_access_token (id, user_id, name, prefix, token_hash, scopes, expires_at, revoked_at)
      values (${rows.personalAccessToken[name]}, ${userId}, ${name}, 'pat_r_', ${id()}, array['read'],
              now() + ${expires}::interval, now() + ${revoked}::interval)`);
  };
  personalAccessToken('goneExpired', '-31 days');
  personalAccessToken('goneRevoked', '100 days', '-31 days');
  personalAccessToken('keptExpiredRecently', '-5 days');
  personalAccessToken('keptRevokedRecently', '100 days', '-5 days');
  personalAccessToken('keptLive', '100 days');

  // sessions.purge would delete this one; neither job here may.
  rows.session.deadForMonths = id();
  statements.push(sql`
    insert into session (id, user_id, token_hash, expires_at, revoked_at)
    values (${rows.session.deadForMonths}, ${userId}, ${id()}, now() - interval '90 days', now() - interval '100 days')`);

  await sql.transaction(statements);
  return { userId, rows };
}

type Seeded = Awaited<ReturnType<typeof seedPerson>>;

/** The names of the seeded rows still in the database, table by table. */
async function left({ userId, rows }: Seeded) {
  const sql = ownerSql();
  const [signIn, webauthn, email, throttle, family, refresh, pat, session, user] = (await sql.transaction([
    sql`select id as k from sign_in_challenge where user_id = ${userId}`,
    sql`select id as k from webauthn_challenge where user_id = ${userId}`,
    sql`select id as k from email_token where user_id = ${userId}`,
    sql`select email_hash as k from login_throttle where email_hash = any(${Object.values(rows.loginThrottle)})`,
    sql`select id as k from token_family where user_id = ${userId}`,
    sql`select r.id as k from refresh_token r where r.id = any(${Object.values(rows.refreshToken)})`,
    sql`select id as k from personal_access_token where user_id = ${userId}`,
    sql`select id as k from session where user_id = ${userId}`,
    sql`select id as k from "user" where id = ${userId}`,
  ])) as Array<Array<{ k: string }>>;
  const named = (table: Record<string, string>, found: Array<{ k: string }> | undefined) => {
    const present = new Set(found?.map((row) => row.k));
    return Object.keys(table)
      .filter((name) => present.has(table[name] as string))
      .sort();
  };
  return {
    signInChallenge: named(rows.signInChallenge, signIn),
    webauthnChallenge: named(rows.webauthnChallenge, webauthn),
    emailToken: named(rows.emailToken, email),
    loginThrottle: named(rows.loginThrottle, throttle),
    tokenFamily: named(rows.tokenFamily, family),
    refreshToken: named(rows.refreshToken, refresh),
    personalAccessToken: named(rows.personalAccessToken, pat),
    session: named(rows.session, session),
    user: user?.length ?? 0,
  };
}

/** Every seeded name, table by table: what `left` shows before any purge. */
function everything({ rows }: Seeded) {
  const names = (table: Record<string, string>) => Object.keys(table).sort();
  return {
    signInChallenge: names(rows.signInChallenge),
    webauthnChallenge: names(rows.webauthnChallenge),
    emailToken: names(rows.emailToken),
    loginThrottle: names(rows.loginThrottle),
    tokenFamily: names(rows.tokenFamily),
    refreshToken: names(rows.refreshToken),
    personalAccessToken: names(rows.personalAccessToken),
    session: names(rows.session),
    user: 1,
  };
}

async function run(job: string, payload: object = {}) {
  const body = envelope(job, payload);
  const message = delivery(body);
  const result = await runBatch([message]);
  expect(result.explicitAcks).toEqual([message.id]);
  const runs = await runsOf(body.id);
  expect(runs).toEqual([expect.objectContaining({ job, status: 'succeeded', error: null })]);
  return runs[0]?.detail.result as Record<string, number>;
}

/**
 * What every purge owes (docs/decisions/009): run again at once, it reports nothing deleted and
 * leaves every seeded row as the first run left it.
 */
function itDeletesNothingTheSecondTime<Seeded, Left>(
  job: string,
  seed: () => Promise<Seeded>,
  leftOf: (seeded: Seeded) => Promise<Left>,
  nothingDone: Record<string, number>,
) {
  it('deletes nothing when it runs again', async () => {
    const seeded = await seed();
    await run(job);
    const once = await leftOf(seeded);

    expect(await run(job)).toEqual(nothingDone);
    expect(await leftOf(seeded)).toEqual(once);
  });
}

describe('sign-in-state.purge', () => {
  it('deletes sign-in state dead for more than an hour, and nothing else', async () => {
    const seeded = await seedPerson();
    const idempotency = await seedIdempotencyKeys();
    const before = await left(seeded);
    expect(before).toEqual(everything(seeded));

    const result = await run('sign-in-state.purge');

    const after = await left(seeded);
    expect(after).toEqual({
      ...before,
      signInChallenge: ['keptExpiredWithinGrace', 'keptLive'],
      webauthnChallenge: ['keptExpiredWithinGrace', 'keptLive'],
      emailToken: ['keptExpiredWithinGrace', 'keptLive', 'keptSpentNotYetExpired'],
      loginThrottle: ['keptCurrentWindow', 'keptLocked', 'keptOldWindowLockInForce', 'keptWindowJustOver'],
    });
    // Token families, refresh tokens, access tokens, sessions, the person (all in `before`) and
    // idempotency keys are other jobs' business, however old.
    expect(await idempotencyKeysLeft(idempotency.expired, idempotency.live)).toEqual([idempotency.expired, idempotency.live].sort());
    // Earlier tests may have left dead rows of their own, so at least ours.
    expect(result.sign_in_challenges).toBeGreaterThanOrEqual(3);
    expect(result.webauthn_challenges).toBeGreaterThanOrEqual(1);
    expect(result.email_tokens).toBeGreaterThanOrEqual(4);
    expect(result.login_throttles).toBeGreaterThanOrEqual(2);
  });

  itDeletesNothingTheSecondTime('sign-in-state.purge', seedPerson, left, {
    sign_in_challenges: 0,
    webauthn_challenges: 0,
    email_tokens: 0,
    login_throttles: 0,
  });
});

describe('tokens.purge', () => {
  it('deletes token families and personal access tokens dead for more than 30 days, and nothing else', async () => {
    const seeded = await seedPerson();
    const idempotency = await seedIdempotencyKeys();
    const before = await left(seeded);

    const result = await run('tokens.purge');

    expect(result.retention_days).toBe(30);
    // Sign-in state, sessions, the person (all in `before`) and idempotency keys stay, however dead.
    expect(await left(seeded)).toEqual({
      ...before,
      tokenFamily: ['keptExpiredRecently', 'keptLive', 'keptRevokedRecently'],
      // A family's spent refresh tokens stay while it may still be replayed against: reuse detection.
      refreshToken: [
        'keptExpiredRecently.spent',
        'keptExpiredRecently.unused',
        'keptLive.spent',
        'keptLive.unused',
        'keptRevokedRecently.spent',
      ],
      personalAccessToken: ['keptExpiredRecently', 'keptLive', 'keptRevokedRecently'],
    });
    expect(await idempotencyKeysLeft(idempotency.expired, idempotency.live)).toEqual([idempotency.expired, idempotency.live].sort());
    expect(result.token_families).toBeGreaterThanOrEqual(2);
    expect(result.refresh_tokens).toBeGreaterThanOrEqual(3);
    expect(result.personal_access_tokens).toBeGreaterThanOrEqual(2);
  });

  itDeletesNothingTheSecondTime('tokens.purge', seedPerson, left, {
    token_families: 0,
    refresh_tokens: 0,
    personal_access_tokens: 0,
    retention_days: 30,
  });

  it('takes its retention from the payload', async () => {
    const seeded = await seedPerson();

    await run('tokens.purge', { retention_days: 3 });

    const after = await left(seeded);
    expect(after.tokenFamily).toEqual(['keptLive']);
    expect(after.refreshToken).toEqual(['keptLive.spent', 'keptLive.unused']);
    expect(after.personalAccessToken).toEqual(['keptLive']);
  });
});

/** Job runs, cron runs and dead letters either side of the default cutoffs (30 and 90 days), by name. */
async function seedJobLog() {
  const sql = ownerSql();
  const runs: Record<string, string> = {};
  const cronRuns: Record<string, string> = {};
  const deadLetters: Record<string, string> = {};
  const statements: Array<ReturnType<typeof sql>> = [];
  const run = (name: string, started: Ago, finished: Ago | null) => {
    runs[name] = crypto.randomUUID();
    statements.push(sql`
      insert into job_run (id, job, source, status, started_at, finished_at)
      values (${runs[name]}, 'seeded.job', 'queue', ${finished ? 'succeeded' : 'running'},
              now() + ${started}::interval, now() + ${finished}::interval)`);
  };
  run('goneFinished', '-40 days', '-40 days');
  run('goneNeverFinished', '-31 days', null);
  // Started before the cutoff, ended after it: counted from its end.
  run('keptFinishedWithinRetention', '-31 days', '-29 days');
  run('keptRunning', '-1 minute', null);
  const cronRun = (name: string, scheduled: Ago) => {
    cronRuns[name] = crypto.randomUUID();
    statements.push(sql`
      insert into cron_run (id, job, cron, scheduled_time, status, message_id)
      values (${cronRuns[name]}, ${`seeded.${name}`}, '* * * * *', now() + ${scheduled}::interval, 'succeeded', ${crypto.randomUUID()})`);
  };
  cronRun('goneOld', '-31 days');
  cronRun('keptWithinRetention', '-29 days');
  const deadLetter = (name: string, failed: Ago) => {
    deadLetters[name] = crypto.randomUUID();
    statements.push(sql`
      insert into job_dead_letter (id, message_id, job, version, payload, reason, error, attempts, failed_at)
      values (${deadLetters[name]}, ${crypto.randomUUID()}, 'seeded.job', 1, '{}', 'exhausted', 'boom', 5,
              now() + ${failed}::interval)`);
  };
  deadLetter('goneOld', '-91 days');
  deadLetter('keptWithinRetention', '-89 days');
  deadLetter('keptRecent', '-1 day');
  await sql.transaction(statements);
  return { runs, cronRuns, deadLetters };
}

async function jobLogLeft({ runs, cronRuns, deadLetters }: Awaited<ReturnType<typeof seedJobLog>>) {
  const sql = ownerSql();
  const [runRows, cronRunRows, deadLetterRows] = (await sql.transaction([
    sql`select id as k from job_run where id = any(${Object.values(runs)})`,
    sql`select id as k from cron_run where id = any(${Object.values(cronRuns)})`,
    sql`select id as k from job_dead_letter where id = any(${Object.values(deadLetters)})`,
  ])) as Array<Array<{ k: string }>>;
  const named = (table: Record<string, string>, found: Array<{ k: string }> | undefined) => {
    const present = new Set(found?.map((row) => row.k));
    return Object.keys(table)
      .filter((name) => present.has(table[name] as string))
      .sort();
  };
  return {
    runs: named(runs, runRows),
    cronRuns: named(cronRuns, cronRunRows),
    deadLetters: named(deadLetters, deadLetterRows),
  };
}

describe('job-log.purge', () => {
  it('deletes job and cron runs older than 30 days and dead letters older than 90 days, and nothing else', async () => {
    const seeded = await seedJobLog();
    const person = await seedPerson();
    const before = await left(person);

    const result = await run('job-log.purge');

    expect(await jobLogLeft(seeded)).toEqual({
      runs: ['keptFinishedWithinRetention', 'keptRunning'],
      cronRuns: ['keptWithinRetention'],
      deadLetters: ['keptRecent', 'keptWithinRetention'],
    });
    expect(await left(person)).toEqual(before);
    expect(result).toMatchObject({ run_retention_days: 30, dead_letter_retention_days: 90 });
    expect(result.job_runs).toBeGreaterThanOrEqual(2);
    expect(result.cron_runs).toBeGreaterThanOrEqual(1);
    expect(result.dead_letters).toBeGreaterThanOrEqual(1);
  });

  itDeletesNothingTheSecondTime('job-log.purge', seedJobLog, jobLogLeft, {
    job_runs: 0,
    cron_runs: 0,
    dead_letters: 0,
    run_retention_days: 30,
    dead_letter_retention_days: 90,
  });

  it('takes its retentions from the payload', async () => {
    const seeded = await seedJobLog();

    await run('job-log.purge', { run_retention_days: 1, dead_letter_retention_days: 2 });

    expect(await jobLogLeft(seeded)).toEqual({ runs: ['keptRunning'], cronRuns: [], deadLetters: ['keptRecent'] });
  });
});

/** A workspace's invites either side of the purge's cutoff (pending, expired 30 days ago), by name. */
async function seedInvites() {
  const sql = ownerSql();
  const workspaceId = crypto.randomUUID();
  const invites: Record<string, string> = {};
  const statements = [
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into workspace (id, slug, name) values (${workspaceId}, ${`ws-${workspaceId.slice(0, 8)}`}, 'Invites')`,
  ];
  const invite = (name: string, expires: Ago, done: { accepted?: Ago; revoked?: Ago } = {}) => {
    invites[name] = crypto.randomUUID();
    statements.push(sql`
      insert into invite (id, workspace_id, email, role, token_hash, created_at, sent_at, expires_at, accepted_at, revoked_at)
      values (${invites[name]}, ${workspaceId}, ${`${name.toLowerCase()}@example.com`}, 'member', ${crypto.randomUUID()},
              now() + ${expires}::interval - interval '7 days', now() + ${expires}::interval - interval '7 days',
              now() + ${expires}::interval, now() + ${done.accepted ?? null}::interval, now() + ${done.revoked ?? null}::interval)`);
  };
  invite('goneExpiredLongAgo', '-31 days');
  invite('keptExpiredRecently', '-29 days');
  invite('keptLive', '6 days');
  // The link page tells these apart from an unknown invite, however old.
  invite('keptAcceptedLongAgo', '-60 days', { accepted: '-65 days' });
  invite('keptRevokedLongAgo', '-60 days', { revoked: '-61 days' });
  await sql.transaction(statements);
  return { workspaceId, invites };
}

async function invitesLeft({ invites }: Awaited<ReturnType<typeof seedInvites>>) {
  const rows = (await inspectSql()`select id from invite where id = any(${Object.values(invites)})`) as Array<{ id: string }>;
  const present = new Set(rows.map((row) => row.id));
  return Object.keys(invites)
    .filter((name) => present.has(invites[name] as string))
    .sort();
}

describe('invites.purge', () => {
  it('deletes pending invites expired more than 30 days ago, and no other invite', async () => {
    const seeded = await seedInvites();

    const result = await run('invites.purge');

    expect(await invitesLeft(seeded)).toEqual(['keptAcceptedLongAgo', 'keptExpiredRecently', 'keptLive', 'keptRevokedLongAgo']);
    expect(result.deleted).toBeGreaterThanOrEqual(1);
  });

  itDeletesNothingTheSecondTime('invites.purge', seedInvites, invitesLeft, { deleted: 0 });

  it('lets no delete reach an invite the purge would keep, even in its own workspace', async () => {
    const seeded = await seedInvites();
    const sql = ownerSql();
    const [, , deleted] = (await sql.transaction([
      sql.query(setContextText('workspace_id'), [seeded.workspaceId]),
      sql`set local role app_request`,
      sql`delete from invite where id = any(${Object.values(seeded.invites)}) returning id`,
    ])) as Array<Array<{ id: string }>>;

    expect(deleted?.map((row) => row.id)).toEqual([seeded.invites.goneExpiredLongAgo]);
  });
});
