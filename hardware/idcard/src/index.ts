export * from './frame.js';
export * from './nations.js';
export * from './reader.js';
export * from './status.js';
export * from './text.js';
