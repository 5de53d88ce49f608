export * from './data-source';
export * from './embedded';
export * from './entities/auth';
export * from './entities/raw';
export * from './entities/transform';
export * from './migrate';
export * from './migrations';
export * from './transform-request';
