import { withTransaction } from '@rewind/service-kit';
import type { Pool } from 'pg';

/** The UTC calendar day of an instant: the budget's unit (Spotify counts a developer's calls per day). */
export function budgetDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The instant the budget of `day` is replaced by the next day's. */
export function nextBudgetDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
}

/**
 * The daily call budget of enrichment (ENRICHMENT_DAILY_CALLS), counted per UTC day in
 * raw.enrichment_budget so every replica spends the same budget. Polling never takes from it:
 * the rest of what Spotify allows a day is polling's.
 */
export class EnrichmentBudget {
  constructor(
    private readonly pool: Pool,
    readonly dailyCalls: number,
  ) {}

  /** Calls spent on `day` so far. */
  async spent(day: string): Promise<number> {
    const r = await this.pool.query<{ calls: number }>(`SELECT calls FROM raw.enrichment_budget WHERE day = $1`, [day]);
    return r.rows[0]?.calls ?? 0;
  }

  /** Takes up to `wanted` calls from the day's budget, atomically across replicas; returns how many were granted. */
  reserve(day: string, wanted: number): Promise<number> {
    if (wanted <= 0) return Promise.resolve(0);
    return withTransaction(this.pool, async (db) => {
      await db.query(`INSERT INTO raw.enrichment_budget (day, calls) VALUES ($1, 0) ON CONFLICT (day) DO NOTHING`, [day]);
      const r = await db.query<{ calls: number }>(`SELECT calls FROM raw.enrichment_budget WHERE day = $1 FOR UPDATE`, [day]);
      const granted = Math.min(wanted, Math.max(this.dailyCalls - r.rows[0].calls, 0));
      if (granted > 0)
        await db.query(`UPDATE raw.enrichment_budget SET calls = calls + $2, updated_at = now() WHERE day = $1`, [day, granted]);
      return granted;
    });
  }

  /** Gives back calls reserved but not made (a rate-limited account, fewer items than reserved, a batch call for many ids). */
  async refund(day: string, calls: number): Promise<void> {
    if (calls <= 0) return;
    await this.pool.query(`UPDATE raw.enrichment_budget SET calls = greatest(calls - $2, 0), updated_at = now() WHERE day = $1`, [
      day,
      calls,
    ]);
  }

  /** Spotify said the developer's quota is used up (429 QUOTA_EXCEEDED): nothing more today. */
  async exhaust(day: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO raw.enrichment_budget AS b (day, calls) VALUES ($1, $2)
       ON CONFLICT (day) DO UPDATE SET calls = greatest(b.calls, $2), updated_at = now()`,
      [day, this.dailyCalls],
    );
  }
}
