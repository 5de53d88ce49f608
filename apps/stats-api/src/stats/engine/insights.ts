/** The insight metrics (issue #25), each defined once in its module; AccountStats delegates to them. */
export { behaviourStats } from './behaviour';
export { compareRanges } from './compare';
export { albumStats, artistStats, genreStats, trackStats } from './entity-stats';
export { forgotten } from './forgotten';
export { playedKey } from './key-plays';
export { onThisDay } from './on-this-day';
export { search } from './search';
