export * from './idcard.js';
export * from './led.js';
