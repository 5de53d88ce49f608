export * from './types';
export * from './errors';
export * from './retry';
export * from './client';
export * from './accounts';
export * from './spotify.module';
export * from './refresh-token';
