#!/usr/bin/env node
/**
 * The raw baseline: plain Socket.IO and one better-sqlite3 file with the hall server's durability
 * (WAL, synchronous=FULL). An issue is one transaction of two rows (the ticket and its event) and an
 * ack; a broadcast is one room emit. What the hall server does beyond this is its own cost.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

const dir = process.argv[2] ?? '.';
const db = new Database(join(dir, 'raw.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table if not exists tickets (id text primary key, hall text, number text, payload text);
create table if not exists events (seq integer primary key autoincrement, hall text, payload text);`);
const insertTicket = db.prepare('insert into tickets (id, hall, number, payload) values (?, ?, ?, ?)');
const insertEvent = db.prepare('insert into events (hall, payload) values (?, ?)');
let n = 0;
const issue = db.transaction((hall: string, payload: string) => {
  n++;
  const id = `raw-${n}`;
  insertTicket.run(id, hall, `A${n}`, payload);
  insertEvent.run(hall, payload);
  return id;
});

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  const room = (socket.handshake.auth as { room?: unknown }).room;
  if (typeof room === 'string') void socket.join(room);
  socket.on('issue', (p: { hall: string }, ack: (r: unknown) => void) => {
    ack({ ok: true, data: { id: issue(p.hall, JSON.stringify(p)) } });
  });
  socket.on('trigger', (p: { room: string; id: string; size: number }, ack: (r: unknown) => void) => {
    io.to(p.room).emit('msg', { id: p.id, pad: 'x'.repeat(Math.max(0, p.size - p.id.length - 20)) });
    ack({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  db.close();
  process.exit(0);
});
