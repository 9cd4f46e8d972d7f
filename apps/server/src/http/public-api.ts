import { ServiceDay } from '@onewindow/domain';
import { AppointmentInput, type DeviceIdentity, PairRequest } from '@onewindow/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { DeviceDirectory } from '../admin/devices.js';
import { CommandError } from '../errors.js';
import type { HallService } from '../service.js';
import { hallParam } from './auth.js';
import { rateFromPhone } from './phone-rating.js';
import { bodyOf, sendError } from './reply.js';

/** Read-only routes with no personal data, open to screens of any origin (paths inside this plugin). */
const OPEN_TO_ANY_ORIGIN = /^\/api\/(halls(\/[^/]+\/matters(\/[^/]+)?)?|tickets\/[^/]+)$/;

/** Wrong pairing codes from one address before it must wait: 10^8 codes cannot be tried one by one. */
const PAIR_TRIES = 10;
const PAIR_WINDOW_MS = 10 * 60_000;

export interface PublicApiDeps {
  service: HallService;
  devices: DeviceDirectory;
  now: () => number;
}

/**
 * The hall's JSON API for screens, phones and devices, registered with the prefix `/api`: halls,
 * matters and guides, a ticket's public status and its phone rating, pairing a device, and the
 * appointment and rectification lists of a hall's admin (device token or console session).
 */
export const publicApi: FastifyPluginAsync<PublicApiDeps> = async (api, { service, devices, now }) => {
  // The public read API is fetched by screens served from other origins (the Electron kiosk's app://);
  // admin lists are never shared across origins.
  api.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && OPEN_TO_ANY_ORIGIN.test(req.url.split('?')[0] ?? '')) {
      reply.header('access-control-allow-origin', '*');
    }
    return payload;
  });

  api.get('/halls', async () =>
    service.halls.all().map((h) => ({
      id: h.id,
      name: h.hall.name,
      level: h.hall.level,
      hours: h.hall.hours,
    })),
  );

  api.get('/halls/:hallId/matters', async (req) => {
    const hall = service.hallOf(hallParam(req));
    return {
      categories: hall.categories,
      matters: [...hall.matters.values()].map(({ guide: _g, ...m }) => m),
    };
  });

  api.get('/halls/:hallId/matters/:matterId', async (req, reply) => {
    const hall = service.hallOf(hallParam(req));
    const { matterId } = req.params as { matterId: string };
    const matter = hall.matters.get(matterId);
    return matter === undefined
      ? sendError(reply, 'NOT_FOUND', `matter "${matterId}" does not exist`)
      : matter;
  });

  api.get('/tickets/:ticketId', async (req) => service.publicStatus(ticketParam(req)));

  api.post('/tickets/:ticketId/rating', async (req, reply) => {
    const ack = await rateFromPhone(service, ticketParam(req), req.body);
    return ack.ok ? ack : sendError(reply, ack.error.code, ack.error.message, ack.error.details);
  });

  /** A list of one service day (`?day=YYYY-MM-DD`) for an admin of the hall. */
  const adminDayList = (path: string, list: (hallId: string, day: string) => Promise<unknown>) =>
    api.get(path, { config: { access: 'hallAdmin' } }, async (req, reply) => {
      const day = ServiceDay.safeParse((req.query as { day?: unknown }).day);
      if (!day.success)
        return sendError(reply, 'VALIDATION_FAILED', 'query parameter day must be YYYY-MM-DD');
      return list(hallParam(req), day.data);
    });
  adminDayList('/halls/:hallId/rectifications', (hallId, day) => service.listRectifications(hallId, day));
  adminDayList('/halls/:hallId/appointments', (hallId, day) => service.listAppointments(hallId, day));

  api.post('/halls/:hallId/appointments', { config: { access: 'hallAdminWrite' } }, async (req, reply) =>
    reply.status(201).send(await service.createAppointment(hallParam(req), bodyOf(AppointmentInput, req))),
  );

  const failedPairs = new Map<string, { count: number; since: number }>();
  api.post('/devices/pair', async (req) => {
    const ip = req.ip;
    const f = failedPairs.get(ip);
    if (f !== undefined && f.count >= PAIR_TRIES && now() - f.since < PAIR_WINDOW_MS) {
      throw new CommandError(
        'PAIRING_INVALID',
        'too many wrong codes from this address; wait a few minutes',
        {
          retryAt: f.since + PAIR_WINDOW_MS,
        },
      );
    }
    const body = bodyOf(PairRequest, req);
    try {
      const r = await devices.pair(body.code, body.clientVersion, ip);
      failedPairs.delete(ip);
      return { ok: true, data: r as { token: string; device: DeviceIdentity } };
    } catch (e) {
      const fresh = f === undefined || now() - f.since >= PAIR_WINDOW_MS;
      failedPairs.set(ip, { count: fresh ? 1 : f.count + 1, since: fresh ? now() : f.since });
      throw e;
    }
  });
};

const ticketParam = (req: FastifyRequest): string => (req.params as { ticketId: string }).ticketId;
