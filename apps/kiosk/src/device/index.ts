export * from './config.js';
export * from './hardware.js';
export * from './web-bridge.js';
