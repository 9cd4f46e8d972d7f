import type { PhoneTicketUpdate, ServerToClientEvents } from '@onewindow/protocol';
import { io, type Socket } from 'socket.io-client';
import { alertCalled, primeSound } from './alert.js';
import { followStatus } from './status.js';

/**
 * The live part of the phone ticket page (`/t/<id>`): the server renders the page and every update
 * of the ticket's part, in the page's language; this script only follows the one ticket the page
 * shows and swaps that part in, alerting when the number is called.
 */
function follow(root: HTMLElement): void {
  const ticketId = root.dataset.ticket ?? '';
  const lang = root.dataset.lang === 'en' ? 'en' : 'zh';
  const title = document.title;
  const socket: Socket<ServerToClientEvents> = io('/phone', {
    transports: ['websocket'],
    auth: { ticketId, lang },
  });
  socket.on('ticket:status', (u: PhoneTicketUpdate) => {
    if (u.ticketId !== ticketId) return;
    const before = root.dataset.status;
    root.innerHTML = u.html;
    root.dataset.status = u.status;
    root.dataset.updatedAt = String(Date.now());
    if (u.status === 'called' && before !== 'called') alertCalled(root, `🔔 ${title}`);
    else if (u.status !== 'called') {
      document.title = title;
      root.classList.remove('flash');
    }
  });
  // A ticket that ended needs no more updates after its rating is in.
  socket.on('connect_error', () => {
    root.dataset.live = 'off';
  });
  socket.on('connect', () => {
    root.dataset.live = 'on';
  });
}

const root = document.getElementById('ticket');
if (root !== null) {
  primeSound();
  follow(root);
}

const status = document.getElementById('status');
if (status !== null) followStatus(status);
