export * from './log-files';
export * from './managed-process';
export * from './restart-window';
export * from './supervisor';
