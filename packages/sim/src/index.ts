export * from './advise.js';
export * from './customers.js';
export * from './engine.js';
export * from './metrics.js';
export * from './random.js';
export * from './run.js';
export * from './scenario.js';
