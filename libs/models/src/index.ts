export * from './dag';
export * from './load';
export * from './macros';
export * from './parse';
export * from './template';
export * from './types';
export * from './runner/types';
export * from './runner/runner';
