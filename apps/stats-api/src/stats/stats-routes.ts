/** The stats routes are listed once, in libs/contracts (the stats bench measures the same list). */
export { STATS_ROUTES, type StatsRoute } from '@rewind/contracts';
