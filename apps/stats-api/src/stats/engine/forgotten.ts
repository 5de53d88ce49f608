import type { ForgottenFavouritesDto } from '../dto/insights.dto';
import { minutesOf } from '../stats-range';
import type { AccountState } from './account-state';
import { Dimension } from './catalog';
import { firstAndLastPlay, keyContextOf, keyRangeOf, rankOrder, topOf } from './key-plays';
import { KeyTotal, sumByKey } from './key-queries';
import type { RankQuery } from './stats-engine';

/** Months without a play that make a favourite forgotten. */
export const FORGOTTEN_AFTER_MONTHS = 6;

/**
 * Forgotten favourites: the keys of a dimension most played (by) before `since` and never played
 * from `since` on (the start of the local day six months before today, computed by the caller),
 * ties by name; up to limit.
 */
export function forgotten(state: AccountState, dim: Dimension, since: { date: string; at: number }, q: RankQuery): ForgottenFavouritesDto {
  const ctx = keyContextOf(state, dim);
  const dictionary = state.catalog.dictionary(dim);
  const recent = new Uint8Array(dictionary.size);
  sumByKey(ctx, keyRangeOf(state, since.at, null), (key, plays) => {
    if (plays > 0) recent[key] = 1;
  });
  const before: KeyTotal[] = [];
  sumByKey(ctx, keyRangeOf(state, null, since.at), (key, plays, ms) => {
    if (plays > 0 && recent[key] === 0) before.push({ key, plays, ms });
  });
  const top = topOf(before, rankOrder(dictionary, q.by), q.limit);
  const iso = (p: number) => new Date(state.log.at[p]).toISOString();
  return {
    since: since.date,
    dimension: dim,
    items: top.map((t, i) => {
      const ever = firstAndLastPlay(state, dim, t.key)!;
      return {
        rank: i + 1,
        key: dictionary.keys[t.key],
        name: dictionary.names[t.key],
        plays: t.plays,
        minutes: minutesOf(t.ms),
        firstPlayedAt: iso(ever.first),
        lastPlayedAt: iso(ever.last),
      };
    }),
  };
}
