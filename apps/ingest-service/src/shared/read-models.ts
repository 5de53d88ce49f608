import type { AccountStatus, TransformTestResult } from '@rewind/db';
import type { PoolClient } from 'pg';

/**
 * What ingest-service reads of tables other services own (auth.accounts: auth-service;
 * transform.runs and transform.test_results: transform-service), read-only (docs/data-model.md):
 * one row type and one function per query, so a column renamed there breaks here, in one place.
 */

/** Anything that runs a query: the pool, or a client inside someone's transaction. */
export type Queryable = Pick<PoolClient, 'query'>;

const ACCOUNT_NAME = 'coalesce(label, display_name, spotify_user_id)';

export interface AccountRow {
  id: string;
  /** Label, else Spotify display name, else Spotify user id. */
  name: string;
  status: AccountStatus;
  statusReason: string | null;
  timeZone: string | null;
}

/** Every account, by id. */
export async function allAccounts(db: Queryable): Promise<AccountRow[]> {
  const r = await db.query<AccountRow>(
    `SELECT id, ${ACCOUNT_NAME} AS name, status, status_reason AS "statusReason", time_zone AS "timeZone" FROM auth.accounts ORDER BY id`,
  );
  return r.rows;
}

export interface AccountConsentRow {
  id: string;
  name: string;
  consentedAt: Date;
}

/** Active accounts and when their Spotify consent was given, by id. */
export async function activeAccountConsents(db: Queryable): Promise<AccountConsentRow[]> {
  const r = await db.query<AccountConsentRow>(
    `SELECT id, ${ACCOUNT_NAME} AS name, consented_at AS "consentedAt"
       FROM auth.accounts WHERE status = 'active' AND consented_at IS NOT NULL ORDER BY id`,
  );
  return r.rows;
}

/** The account's display name, or null when there is no such account. */
export async function accountName(db: Queryable, accountId: string): Promise<string | null> {
  const r = await db.query<{ name: string }>(`SELECT ${ACCOUNT_NAME} AS name FROM auth.accounts WHERE id = $1`, [accountId]);
  return r.rows[0]?.name ?? null;
}

/** The account's status, or null when there is no such account. */
export async function accountStatus(db: Queryable, accountId: string): Promise<AccountStatus | null> {
  const r = await db.query<{ status: AccountStatus }>('SELECT status FROM auth.accounts WHERE id = $1', [accountId]);
  return r.rows[0]?.status ?? null;
}

export interface ActiveAccountWaitRow {
  id: string;
  /** Until when Spotify asked not to be called for this account (raw.poll_state), or null. */
  blockedUntil: Date | null;
}

/** Active accounts, oldest first, with any Spotify-imposed wait. */
export async function activeAccountsWithWait(db: Queryable): Promise<ActiveAccountWaitRow[]> {
  const r = await db.query<ActiveAccountWaitRow>(
    `SELECT a.id, ps.blocked_until AS "blockedUntil" FROM auth.accounts a LEFT JOIN raw.poll_state ps ON ps.account_id = a.id
     WHERE a.status = 'active' ORDER BY a.created_at, a.id`,
  );
  return r.rows;
}

export interface FinishedTransformRunRow {
  id: string;
  status: 'succeeded' | 'failed';
  error: string | null;
  finishedAt: Date;
}

/** Finished transform runs after `after`, oldest first (at most 500), or only the latest one when `after` is null. */
export async function finishedTransformRuns(db: Queryable, after: Date | null): Promise<FinishedTransformRunRow[]> {
  const r = await db.query<FinishedTransformRunRow>(
    after
      ? `SELECT id, status, error, finished_at AS "finishedAt" FROM transform.runs WHERE status IN ('succeeded', 'failed') AND finished_at > $1 ORDER BY finished_at, id LIMIT 500`
      : `SELECT id, status, error, finished_at AS "finishedAt" FROM transform.runs WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1`,
    after ? [after] : [],
  );
  return r.rows;
}

export interface TestResultRow {
  runId: string;
  name: string;
  model: string | null;
  status: TransformTestResult['status'];
  failures: number;
  error: string | null;
}

/** The data test results of these transform runs, by name. */
export async function testResultsOf(db: Queryable, runIds: string[]): Promise<TestResultRow[]> {
  const r = await db.query<TestResultRow>(
    `SELECT run_id AS "runId", name, model, status, failures, error FROM transform.test_results WHERE run_id = ANY($1::uuid[]) ORDER BY name`,
    [runIds],
  );
  return r.rows;
}

export interface PollGapRow {
  accountId: string;
  gapFrom: Date;
  gapTo: Date;
}

/**
 * Active accounts whose latest successful poll found a gap that no later import or poll has
 * closed, earliest gap first (auth.accounts for which accounts are active).
 */
export async function openPollGaps(db: Queryable): Promise<PollGapRow[]> {
  const r = await db.query<PollGapRow>(
    `SELECT l.account_id AS "accountId", l.gap_from AS "gapFrom", l.gap_to AS "gapTo"
     FROM (SELECT DISTINCT ON (r.account_id) r.account_id, r.gap_detected, r.gap_from, r.gap_to
           FROM raw.ingest_runs r JOIN auth.accounts a ON a.id = r.account_id AND a.status = 'active'
           WHERE r.status = 'succeeded'
           ORDER BY r.account_id, r.started_at DESC, r.finished_at DESC) l
     WHERE l.gap_detected AND NOT EXISTS (
       SELECT 1 FROM raw.plays ip WHERE ip.account_id = l.account_id AND ip.source <> 'poll' AND ip.played_at >= l.gap_to - interval '10 seconds')
     ORDER BY l.gap_from`,
  );
  return r.rows;
}
