import { ServiceDescription } from '@rewind/service-kit';

export const SERVICE: ServiceDescription = {
  name: 'transform-service',
  title: 'Rewind transform-service',
  description: 'Runs the versioned SQL models (dbt-style) and their data tests.',
  publicPrefix: '/api/transform',
};
