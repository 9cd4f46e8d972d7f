// The hall's data model, one file per concern; this file gathers them for the rest of the domain.
export { ClockTime, Id, Instant, ServiceDay } from './model-base.js';
export * from './model-hall.js';
export * from './model-matter.js';
export * from './model-queue.js';
export * from './model-ticket.js';
export * from './model-window.js';
