import { ServiceDescription } from '@rewind/service-kit';

export const SERVICE: ServiceDescription = {
  name: 'auth-service',
  title: 'Rewind auth-service',
  description: 'Spotify login (authorization code + PKCE), encrypted token storage and refresh.',
  publicPrefix: '/api/auth',
};
