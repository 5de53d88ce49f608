export * from './api-error.filter';
export * from './bootstrap';
export * from './database.module';
export * from './internal-token.guard';
export * from './openapi-merge';
export * from './pg-pool';
