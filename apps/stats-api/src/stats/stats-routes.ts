/** The stats routes, by the name the HTTP layer, the service and the caches share. */
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
] as const;
export type StatsRoute = (typeof STATS_ROUTES)[number];
