import type { BehaviourBreakdownDto, BehaviourDto, BehaviourShareDto } from '../dto/behaviour.dto';
import type { AccountState } from './account-state';
import { compareC } from './key-columns';
import { ENTITY_DIMENSION } from './entity-stats';
import { keyScan } from './key-plays';
import {
  BEHAVIOUR_KNOWN,
  OFFLINE,
  OFFLINE_KNOWN,
  PLATFORM_FAMILIES,
  SHUFFLE,
  SHUFFLE_KNOWN,
  SKIPPED,
  SKIPPED_KNOWN,
} from './play-behaviour';
import { playsBetween } from './play-log';
import type { BehaviourEntity, StatsRange } from './stats-engine';

export const BEHAVIOUR_ENTITY_KINDS: ReadonlyArray<BehaviourEntity['kind']> = ['artist', 'track', 'album'];

/** a ÷ b to 4 decimals: a × 10000 ÷ b is exact at every half, so rounding matches the decimal definition. */
const shareOf = (a: number, b: number) => Math.round((a * 10_000) / b) / 10_000;

/** Plays of each flag combination (the flags byte) and of each platform and reason code. */
interface Counts {
  plays: number;
  flags: Float64Array;
  platform: Float64Array;
  reasonStart: Float64Array;
  reasonEnd: Float64Array;
}

function shareFromFlags(flags: Float64Array, known: number, set: number): BehaviourShareDto {
  let knownPlays = 0;
  let plays = 0;
  for (let f = 0; f < 256; f++) {
    if ((f & known) === 0) continue;
    knownPlays += flags[f];
    if (f & set) plays += flags[f];
  }
  return { plays, knownPlays, share: knownPlays ? shareOf(plays, knownPlays) : null };
}

function breakdown(counts: Float64Array, nameOf: (code: number) => string): BehaviourBreakdownDto {
  let knownPlays = 0;
  const items: Array<{ name: string; plays: number }> = [];
  for (let code = 1; code < counts.length; code++) {
    if (!counts[code]) continue;
    knownPlays += counts[code];
    items.push({ name: nameOf(code), plays: counts[code] });
  }
  items.sort((a, b) => b.plays - a.plays || compareC(a.name, b.name));
  return { knownPlays, items: items.map((x) => ({ ...x, share: shareOf(x.plays, knownPlays) })) };
}

/**
 * How the plays of [from, to) were listened to, optionally only one artist's (primary artist),
 * track's or album's: skip rate, shuffle and offline shares, platform families and the reasons
 * plays started and ended, each over the plays that record it (only extended-history imports
 * do). Null when the account never played the entity. The range is in instants, so the zone
 * changes only how from and to were read.
 */
export function behaviourStats(state: AccountState, range: StatsRange, entity: BehaviourEntity | null): BehaviourDto | null {
  const { log } = state;
  const [lo, hi] = playsBetween(log, range.from, range.to);
  const counts: Counts = {
    plays: 0,
    flags: new Float64Array(256),
    platform: new Float64Array(PLATFORM_FAMILIES.length + 1),
    reasonStart: new Float64Array(256),
    reasonEnd: new Float64Array(256),
  };
  const count = (p: number) => {
    counts.plays++;
    const flags = log.behaviour[p];
    if (!(flags & BEHAVIOUR_KNOWN)) return;
    counts.flags[flags]++;
    counts.platform[log.platform[p]]++;
    counts.reasonStart[log.reasonStart[p]]++;
    counts.reasonEnd[log.reasonEnd[p]]++;
  };
  let about: BehaviourDto['entity'] = null;
  if (entity === null) {
    for (let p = lo; p < hi; p++) count(p);
  } else {
    const dim = ENTITY_DIMENSION[entity.kind];
    const dictionary = state.catalog.dictionary(dim);
    const k = dictionary.idOf(entity.key);
    if (k === undefined) return null;
    about = { kind: entity.kind, key: dictionary.keys[k], name: dictionary.names[k] };
    // Only the key's own days are read (key-plays.ts), never the whole range.
    const { runs, keys, target } = keyScan(state, dim, k, lo, hi);
    for (let r = 0; r < runs.length; r += 2) for (let p = runs[r]; p < runs[r + 1]; p++) if (keys[p] === target) count(p);
  }
  let knownPlays = 0;
  for (let f = 0; f < 256; f++) knownPlays += counts.flags[f];
  const reasonName = (code: number) => log.reasons.names[code - 1];
  return {
    entity: about,
    plays: counts.plays,
    knownPlays,
    skipped: shareFromFlags(counts.flags, SKIPPED_KNOWN, SKIPPED),
    shuffle: shareFromFlags(counts.flags, SHUFFLE_KNOWN, SHUFFLE),
    offline: shareFromFlags(counts.flags, OFFLINE_KNOWN, OFFLINE),
    platforms: breakdown(counts.platform, (code) => PLATFORM_FAMILIES[code - 1]),
    reasonStart: breakdown(counts.reasonStart, reasonName),
    reasonEnd: breakdown(counts.reasonEnd, reasonName),
  };
}
