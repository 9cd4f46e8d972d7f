import type { Person } from '@onewindow/protocol';
import type { FastifyRequest } from 'fastify';
import { type Accounts, mayRead, mayWrite } from '../admin/accounts.js';
import { CommandError } from '../errors.js';
import type { HallRegistry } from '../registry.js';
import { cookie } from './reply.js';

export const SESSION_COOKIE = 'ow_session';

export const forbidden = (what: string) => new CommandError('FORBIDDEN', `not allowed: ${what}`);
export const hallParam = (req: FastifyRequest) => (req.params as { hallId: string }).hallId;
export const idParam = (req: FastifyRequest) => (req.params as { id: string }).id;

/** Who is asking, and whether they may read or change the hall of the route. */
export function consoleGuards(s: { accounts: Accounts; halls: HallRegistry }) {
  const person = async (req: FastifyRequest): Promise<Person> => {
    const p = await s.accounts.person(cookie(req, SESSION_COOKIE));
    if (p === undefined) throw new CommandError('UNAUTHENTICATED', 'sign in to the console first');
    return p;
  };
  const reader = async (req: FastifyRequest): Promise<{ p: Person; hallId: string }> => {
    const p = await person(req);
    const hallId = hallParam(req);
    s.halls.get(hallId);
    if (!mayRead(p, hallId, s.halls)) throw forbidden(`hall ${hallId}`);
    return { p, hallId };
  };
  const writer = async (req: FastifyRequest): Promise<{ p: Person; hallId: string }> => {
    const r = await reader(req);
    if (!mayWrite(r.p, r.hallId, s.halls)) throw forbidden(`changing hall ${r.hallId}`);
    return r;
  };
  return { person, reader, writer };
}
