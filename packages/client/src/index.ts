export * from './client.js';
export * from './reconnect.js';
export * from './selectors.js';
export * from './state.js';
