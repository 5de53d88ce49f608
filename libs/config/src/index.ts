export * from './env';
export * from './service-urls';
export * from './spotify-env';
export * from './local-secrets';
