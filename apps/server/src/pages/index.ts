export { noticePage, type PublicTicketStatus, type PublicWindow, ticketPage } from './phone.js';
export { esc, page, pageLocale, shanghaiClock } from './shell.js';
export { STATUS_ROWS, statusPage, WINDOW_TYPE_ZH } from './status.js';
