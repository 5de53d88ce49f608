import { ServiceDescription } from '@rewind/service-kit';

export const SERVICE: ServiceDescription = {
  name: 'ingest-service',
  title: 'Rewind ingest-service',
  description: 'Scheduled polling of recently-played, metadata enrichment and privacy-export imports.',
  publicPrefix: '/api/ingest',
};
