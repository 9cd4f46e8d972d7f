export * from './cards.js';
export * from './idcard.js';
export * from './led.js';
export * from './printer.js';
