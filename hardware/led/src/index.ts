export * from './frame.js';
export * from './screen.js';
