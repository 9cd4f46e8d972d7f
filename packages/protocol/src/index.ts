export * from './admin.js';
export * from './commands.js';
export * from './events.js';
export * from './events-map.js';
export * from './kiosk.js';
export * from './result.js';
export * from './roles.js';
export * from './snapshot.js';
