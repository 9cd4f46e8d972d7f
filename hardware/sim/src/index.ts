export * from './idcard.js';
