export * from './cards.js';
export * from './idcard.js';
export * from './led.js';
export * from './preview.js';
export * from './printer.js';
