export * from './app.js';
export * from './broadcaster.js';
export * from './config.js';
export * from './deps.js';
export * from './errors.js';
export * from './hall-runtime.js';
export * from './service.js';
export { createSqliteStore } from './store/sqlite.js';
export type * from './store/types.js';
