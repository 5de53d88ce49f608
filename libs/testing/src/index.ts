export * from './database';
export * from './service-app';
export * from './random';
export * from './built-stack';
export * from './warehouse-seed';
