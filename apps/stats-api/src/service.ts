import { ServiceDescription } from '@rewind/service-kit';

export const SERVICE: ServiceDescription = {
  name: 'stats-api',
  title: 'Rewind stats-api',
  description: 'Read-only statistics over the marts: tops, activity, heatmaps, streaks, sessions, Wrapped.',
  publicPrefix: '/api/stats',
};
