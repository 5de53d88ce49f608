import type { ForgottenFavouritesDto } from '../dto/insights.dto';
import { minutesOf } from '../stats-range';
import type { AccountState } from './account-state';
import { Dimension } from './catalog';
import { keysOfPlay } from './key-columns';
import { firstAndLastPlay, rankOrder, topOf } from './key-plays';
import type { KeyTotal } from './key-queries';
import type { RankQuery } from './stats-engine';

/** Months without a play that make a favourite forgotten. */
export const FORGOTTEN_AFTER_MONTHS = 6;

/**
 * Every key whose last play is before `at`, with its plays and listening time ever (all before
 * `at`, then): the columns' totals and last plays, corrected by the recent plays after them.
 */
function keysLastPlayedBefore(state: AccountState, dim: Dimension, at: number): KeyTotal[] {
  const { log, catalog } = state;
  const { blockedPlays, columns } = state.blocks;
  const col = columns[dim];
  const size = catalog.dictionary(dim).size;
  const lastAt = new Float64Array(size).fill(-Infinity);
  const plays = new Float64Array(size);
  const ms = new Float64Array(size);
  for (let k = 0; k < col.keyCount; k++) {
    const end = col.keyPlayStart[k + 1];
    if (end === col.keyPlayStart[k]) continue;
    lastAt[k] = log.at[col.keyPlays[end - 1]];
    plays[k] = col.totalPlays[k];
    ms[k] = col.totalMs[k];
  }
  for (let p = blockedPlays; p < log.count; p++)
    keysOfPlay(log, catalog, dim, p, (k) => {
      lastAt[k] = Math.max(lastAt[k], log.at[p]);
      plays[k]++;
      ms[k] += log.ms[p];
    });
  const out: KeyTotal[] = [];
  for (let k = 0; k < size; k++) if (plays[k] > 0 && lastAt[k] < at) out.push({ key: k, plays: plays[k], ms: ms[k] });
  return out;
}

/**
 * Forgotten favourites: the keys of a dimension most played (by) before `since` and never played
 * from `since` on (the start of the local day six months before today, computed by the caller),
 * ties by name; up to limit.
 */
export function forgotten(state: AccountState, dim: Dimension, since: { date: string; at: number }, q: RankQuery): ForgottenFavouritesDto {
  const dictionary = state.catalog.dictionary(dim);
  const before = keysLastPlayedBefore(state, dim, since.at);
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
