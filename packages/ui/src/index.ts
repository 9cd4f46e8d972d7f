export * from './components.js';
export * from './device.js';
export * from './errors.js';
export * from './i18n.js';
export * from './qr.js';
export * from './speech.js';
export * from './voice.js';
