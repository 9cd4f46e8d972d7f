export * from './i18n.js';
export * from './qr.js';
export * from './speech.js';
