import { ServiceDescription } from '@rewind/service-kit';

export const SERVICE: ServiceDescription = {
  name: 'gateway',
  title: 'Rewind API',
  description:
    'Self-hosted Spotify Wrapped, any day you like. Every route under /api needs `Authorization: Bearer $API_TOKEN` ' +
    '(except login, callback and health). Errors are `{ statusCode, error, message }`.',
};
