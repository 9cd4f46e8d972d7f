export * from './errors.js';
export * from './link.js';
export * from './pty.js';
