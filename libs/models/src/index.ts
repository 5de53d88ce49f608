export * from './dag';
export * from './load';
export * from './parse';
export * from './template';
export * from './types';
