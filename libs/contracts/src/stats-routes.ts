/**
 * The stats routes, by the name stats-api's HTTP layer, service and caches share and the stats
 * bench measures: the one list of them (a new route is a compile error wherever every route must be handled).
 */
export const STATS_ROUTES = [
  'summary',
  'top-artists',
  'top-tracks',
  'top-albums',
  'top-genres',
  'activity',
  'heatmap',
  'recent',
  'discoveries',
  'streaks',
  'sessions',
  'wrapped',
  'artist',
  'track',
  'album',
  'genre',
  'compare',
  'search',
  'on-this-day',
  'forgotten',
  'behaviour',
] as const;
export type StatsRoute = (typeof STATS_ROUTES)[number];
