import type { CompareDto } from '../dto/insights.dto';
import { minutesOf } from '../stats-range';
import type { AccountState } from './account-state';
import { Dimension } from './catalog';
import { keyContextOf, keyRangeOf, ranksOf } from './key-plays';
import { rankKeys } from './key-queries';
import { playsBetween } from './play-log';
import type { RankQuery } from './stats-engine';

/**
 * The top of a dimension over [from, to) next to the same keys over a compared range: each key's
 * rank, plays and minutes there (its rank as that range's own top list would give it, whatever
 * the limit) and its movement, previousRank − rank (null when it was not played there).
 */
export function compareRanges(
  state: AccountState,
  dim: Dimension,
  q: RankQuery,
  previous: { from: number | null; to: number | null },
): CompareDto {
  const ctx = keyContextOf(state, dim);
  const dictionary = state.catalog.dictionary(dim);
  const top = rankKeys(ctx, keyRangeOf(state, q.from, q.to), q.by, q.limit);
  const before = ranksOf(
    ctx,
    keyRangeOf(state, previous.from, previous.to),
    q.by,
    top.map((t) => t.key),
  );
  const totals = (from: number | null, to: number | null) => {
    const [lo, hi] = playsBetween(state.log, from, to);
    return { plays: hi - lo, minutes: minutesOf(state.log.msBefore[hi] - state.log.msBefore[lo]) };
  };
  const now = totals(q.from, q.to);
  const then = totals(previous.from, previous.to);
  return {
    items: top.map((t, i) => {
      const was = before.get(t.key);
      return {
        rank: i + 1,
        key: dictionary.keys[t.key],
        name: dictionary.names[t.key],
        plays: t.plays,
        minutes: minutesOf(t.ms),
        previousRank: was?.rank ?? null,
        previousPlays: was?.plays ?? 0,
        previousMinutes: minutesOf(was?.ms ?? 0),
        movement: was ? was.rank - (i + 1) : null,
      };
    }),
    totals: { plays: now.plays, minutes: now.minutes, previousPlays: then.plays, previousMinutes: then.minutes },
  };
}
