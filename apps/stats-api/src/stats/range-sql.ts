import { DateTime } from 'luxon';
import { RangePlan, Segment, segmentsOf, SignedSegment, signedSegmentsOf } from './stats-range';

/** Collects positional parameters while SQL text is assembled. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Conditions over the rollups' whole days (`local_date` in [d1, d2)), null when the range holds none. */
export function wholeDays(plan: RangePlan, p: Params, account: string, alias: string): string | null {
  if (plan.mode !== 'rollup' || !plan.hasWholeDays) return null;
  const parts = [`${alias}.account_id = ${account}`];
  if (plan.d1) parts.push(`${alias}.local_date >= ${p.add(plan.d1)}::date`);
  if (plan.d2) parts.push(`${alias}.local_date < ${p.add(plan.d2)}::date`);
  return parts.join(' and ');
}

function instantBounds(plan: RangePlan, p: Params, alias: string): string[] {
  const parts: string[] = [];
  if (plan.from) parts.push(`${alias}.played_at >= ${p.add(plan.from.toISOString())}::timestamptz`);
  if (plan.to) parts.push(`${alias}.played_at < ${p.add(plan.to.toISOString())}::timestamptz`);
  return parts;
}

/**
 * Conditions over fct_plays rows not covered by whole days: the edge days (rollup mode) or the
 * whole range (direct mode); null when there is nothing to read.
 */
export function playRows(plan: RangePlan, p: Params, account: string, alias: string): string | null {
  const parts = [`${alias}.account_id = ${account}`];
  if (plan.mode === 'rollup') {
    if (plan.edgeDates.length === 0) return null;
    parts.push(`${alias}.local_date = any(${p.add(plan.edgeDates)}::date[])`);
  }
  parts.push(...instantBounds(plan, p, alias));
  return parts.join(' and ');
}

/** Conditions on an instant column (mart_discoveries.first_played_at, mart_sessions.session_start). */
export function instantRange(plan: RangePlan, p: Params, column: string): string {
  const parts: string[] = [];
  if (plan.from) parts.push(`${column} >= ${p.add(plan.from.toISOString())}::timestamptz`);
  if (plan.to) parts.push(`${column} < ${p.add(plan.to.toISOString())}::timestamptz`);
  return parts.length ? parts.join(' and ') : 'true';
}

/** Local date / weekday / hour of a fct_plays row: stored columns in rollup mode, computed in tz otherwise. */
export function localExpr(plan: RangePlan, p: Params, alias: string): { date: string; weekday: string; hour: string } {
  if (plan.mode === 'rollup') return { date: `${alias}.local_date`, weekday: `${alias}.weekday`, hour: `${alias}.hour` };
  const tz = `${p.add(plan.tz)}::text`;
  const local = `(${alias}.played_at at time zone ${tz})`;
  return { date: `${local}::date`, weekday: `(extract(isodow from ${local})::int - 1)`, hour: `extract(hour from ${local})::int` };
}

/** UNION ALL of the parts that exist (a query that yields nothing when none does). */
export function unionAll(parts: Array<string | null>, empty: string): string {
  const present = parts.filter((x): x is string => x !== null);
  return present.length ? present.join('\nunion all\n') : empty;
}

/**
 * SELECTs over the whole days of the range, each from the coarsest rollup that fits (see segmentsOf):
 * `marts.<day>` (by local_date) for loose days, `marts.<period>` (by grain and period_start) for whole
 * months and years, or `marts.<alltime>` (one row per key) when the range is unbounded on both sides.
 * `columns(alias)` is the select list; day, period and all-time tables share column names.
 * `signed`: additive measures only (plays/ms selected as `x.plays::bigint as plays, x.listening_ms::bigint as ms`):
 * a partial year may be read as the whole year minus its days outside the range (negated rows), so
 * groupings must drop keys whose plays sum to 0.
 * Empty when the range holds no whole day (or in direct mode).
 */
export function rollupParts(
  plan: RangePlan,
  p: Params,
  account: string,
  day: string,
  period: string,
  columns: (alias: string) => string,
  extra = '',
  alltime?: string,
  signed = false,
): string[] {
  if (plan.mode !== 'rollup' || !plan.hasWholeDays) return [];
  const segments: Array<Segment & { sign?: 1 | -1 }> = signed ? signedSegmentsOf(plan.d1, plan.d2) : segmentsOf(plan.d1, plan.d2);
  // Unbounded on both sides: one row per key in the all-time rollup (same column names).
  if (alltime && segments.length === 1 && segments[0].from === null && segments[0].to === null) {
    return [`select ${columns('s0')} from marts.${alltime} s0 where s0.account_id = ${account}${extra.replaceAll('{x}', 's0')}`];
  }
  return segments.map((s, i) => {
    const x = `s${i}`;
    let cols = columns(x);
    if ((s as SignedSegment).sign === -1) {
      // Subtracted rows: negate the additive measures (callers that allow signed parts select exactly these).
      const negated = cols
        .replace(`${x}.plays::bigint as plays`, `-${x}.plays::bigint as plays`)
        .replace(`${x}.listening_ms::bigint as ms`, `-${x}.listening_ms::bigint as ms`);
      if (negated === cols) throw new Error('signed rollup parts need plays and ms columns');
      cols = negated;
    }
    const parts = [`${x}.account_id = ${account}`];
    if (s.grain === 'day') {
      if (s.from) parts.push(`${x}.local_date >= ${p.add(s.from)}::date`);
      if (s.to) parts.push(`${x}.local_date < ${p.add(s.to)}::date`);
      return `select ${cols} from marts.${day} ${x} where ${parts.join(' and ')}${extra.replaceAll('{x}', x)}`;
    }
    parts.push(`${x}.grain = '${s.grain}'`);
    if (s.from) parts.push(`${x}.period_start >= ${p.add(s.from)}::date`);
    if (s.to) parts.push(`${x}.period_start < ${p.add(s.to)}::date`);
    return `select ${cols} from marts.${period} ${x} where ${parts.join(' and ')}${extra.replaceAll('{x}', x)}`;
  });
}

/** The one calendar month or year the range covers exactly (no loose days, no edges), else null. */
export function singlePeriod(plan: RangePlan): { grain: 'month' | 'year'; start: string } | null {
  if (plan.mode !== 'rollup' || !plan.hasWholeDays || plan.edgeDates.length) return null;
  const segments = segmentsOf(plan.d1, plan.d2);
  if (segments.length !== 1) return null;
  const [s] = segments;
  if (s.grain === 'day' || s.from === null || s.to === null) return null;
  const next = DateTime.fromISO(s.from, { zone: 'UTC' })
    .plus({ [`${s.grain}s`]: 1 })
    .toISODate();
  return next === s.to ? { grain: s.grain, start: s.from } : null;
}

/**
 * True when the rollup rows of the range already hold one row per key: exactly one month or year
 * (agg_period*), or an unbounded range read from an all-time table. Then no grouping is needed.
 */
export function onePerKey(plan: RangePlan, hasAlltime: boolean): boolean {
  if (singlePeriod(plan)) return true;
  return hasAlltime && plan.mode === 'rollup' && plan.hasWholeDays && plan.edgeDates.length === 0 && plan.d1 === null && plan.d2 === null;
}
