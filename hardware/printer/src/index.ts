export * from './escpos.js';
export * from './ticket.js';
