export * from './database';
export * from './service-app';
export * from './random';
