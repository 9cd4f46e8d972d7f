import { ServiceDay } from '@onewindow/domain';
import {
  AppointmentInput,
  type DeviceIdentity,
  LOW_REASON_ZH,
  LOW_REASONS,
  type LowReason,
  PairRequest,
  PhoneRating,
} from '@onewindow/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeviceDirectory } from '../admin/devices.js';
import { CommandError } from '../errors.js';
import { noticePage, pageLocale, STATUS_ROWS, statusPage } from '../pages/index.js';
import { PHONE_DEVICE_PREFIX } from '../service/casework.js';
import type { HallService } from '../service.js';
import { acceptForms, bodyOf, sendError } from './reply.js';

/** Read-only routes with no personal data, open to screens of any origin. */
const PUBLIC_API = /^\/api\/(halls(\/[^/]+\/matters(\/[^/]+)?)?|tickets\/[^/]+)$/;

const STATUS_PAGE_TTL_MS = 1_000;

/** Wrong pairing codes from one address before it must wait: 10^8 codes cannot be tried one by one. */
const PAIR_TRIES = 10;
const PAIR_WINDOW_MS = 10 * 60_000;

/**
 * The hall's HTTP routes for screens, phones and devices: health, the status page, matters and
 * guides, a ticket's public status, notices, pairing a device, and the appointment lists an admin
 * (device token or console session) reads and writes.
 */
export function registerPublicRoutes(
  http: FastifyInstance,
  service: HallService,
  devices: DeviceDirectory,
  now: () => number,
): void {
  const phoneLocale = (req: FastifyRequest) =>
    pageLocale((req.query as { lang?: unknown }).lang, req.headers['accept-language']);
  const hallParam = (req: FastifyRequest): string => (req.params as { hallId: string }).hallId;
  // The public read API (halls, matters and guides, ticket status) is fetched by screens served from
  // other origins (the Electron kiosk's app://); admin lists are never shared across origins.
  http.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && PUBLIC_API.test(req.url.split('?')[0] ?? '')) {
      reply.header('access-control-allow-origin', '*');
    }
    return payload;
  });

  http.get('/health', async () => ({ status: 'ok', halls: service.halls.ids() }));

  // The status page is rendered at most once a second, however many ask: it costs every hall's state.
  let statusCache: { at: number; html: Promise<string> } | undefined;
  const renderStatus = async () =>
    statusPage(
      await Promise.all(
        service.halls
          .ids()
          .map((hallId) =>
            service.snapshot({ deviceId: 'status-page', hallId, role: 'admin', windowId: null }, STATUS_ROWS),
          ),
      ),
    );
  http.get('/', async (_req, reply) => {
    const at = performance.now();
    if (statusCache === undefined || at - statusCache.at >= STATUS_PAGE_TTL_MS) {
      statusCache = { at, html: renderStatus() };
      statusCache.html.catch(() => {
        statusCache = undefined;
      });
    }
    return reply.type('text/html; charset=utf-8').send(await statusCache.html);
  });

  http.get('/api/halls', async () =>
    service.halls.all().map((h) => ({
      id: h.id,
      name: h.hall.name,
      level: h.hall.level,
      hours: h.hall.hours,
    })),
  );

  http.get('/api/halls/:hallId/matters', async (req) => {
    const hall = service.hallOf(hallParam(req));
    return {
      categories: hall.categories,
      matters: [...hall.matters.values()].map(({ guide: _g, ...m }) => m),
    };
  });

  http.get('/api/halls/:hallId/matters/:matterId', async (req, reply) => {
    const hall = service.hallOf(hallParam(req));
    const { matterId } = req.params as { matterId: string };
    const matter = hall.matters.get(matterId);
    return matter === undefined
      ? sendError(reply, 'NOT_FOUND', `matter "${matterId}" does not exist`)
      : matter;
  });

  http.get('/api/tickets/:ticketId', async (req) =>
    service.publicStatus((req.params as { ticketId: string }).ticketId),
  );

  // 好差评 from the resident's phone (channel mobile): the ticket id is the credential, one rating a visit.
  const rateFromPhone = async (ticketId: string, body: unknown) => {
    const stored = await service.ticketOf(ticketId);
    const rating = bodyOf(PhoneRating, { body } as FastifyRequest);
    const phone: DeviceIdentity = {
      deviceId: `${PHONE_DEVICE_PREFIX}${ticketId}`,
      hallId: stored.hallId,
      role: 'pad',
      windowId: stored.windowId,
    };
    // A retry of the same rating replays its answer; another rating of the visit is ALREADY_EVALUATED.
    return service.execute(phone, 'evaluation:submit', {
      requestId: `phone-rating-${rating.level}`,
      ticketId,
      ...rating,
    });
  };
  http.post('/api/tickets/:ticketId/rating', async (req, reply) => {
    const ack = await rateFromPhone((req.params as { ticketId: string }).ticketId, req.body);
    return ack.ok ? ack : sendError(reply, ack.error.code, ack.error.message, ack.error.details);
  });
  // The phone page's rating form posts plainly (no script); only this route reads such a form.
  http.register(async (scope) => {
    acceptForms(scope);
    scope.post('/t/:ticketId/rate', async (req, reply) => {
      const ticketId = (req.params as { ticketId: string }).ticketId;
      const form = (req.body ?? {}) as Record<string, string | string[] | undefined>;
      const level = Number(form.level);
      // Reasons are offered for low ratings; the tags are recorded in Chinese, as the pad records them.
      const tags = [form.reason ?? []]
        .flat()
        .filter((r): r is LowReason => (LOW_REASONS as readonly string[]).includes(r));
      const comment = typeof form.comment === 'string' ? form.comment.trim().slice(0, 500) : '';
      const ack = await rateFromPhone(ticketId, {
        level,
        reasons: level <= 2 ? tags.map((r) => LOW_REASON_ZH[r]) : [],
        ...(comment === '' ? {} : { comment }),
      });
      if (!ack.ok && ack.error.code !== 'ALREADY_EVALUATED')
        return sendError(reply, ack.error.code, ack.error.message, ack.error.details);
      const lang = form.lang === 'en' ? '&lang=en' : '';
      return reply.redirect(`/t/${encodeURIComponent(ticketId)}?rated=1${lang}`, 303);
    });
  });

  http.get('/n/:noticeId', async (req, reply) => {
    const notice = await service.notice((req.params as { noticeId: string }).noticeId);
    if (notice === undefined) return sendError(reply, 'NOT_FOUND', 'no such notice');
    return reply
      .type('text/html; charset=utf-8')
      .send(noticePage(notice, service.hallOf(notice.hallId).hall, phoneLocale(req)));
  });

  /** A list of one service day (`?day=YYYY-MM-DD`) for an admin of the hall. */
  const adminDayList = (path: string, list: (hallId: string, day: string) => Promise<unknown>) =>
    http.get(path, { config: { access: 'hallAdmin' } }, async (req, reply) => {
      const day = ServiceDay.safeParse((req.query as { day?: unknown }).day);
      if (!day.success)
        return sendError(reply, 'VALIDATION_FAILED', 'query parameter day must be YYYY-MM-DD');
      return list(hallParam(req), day.data);
    });
  adminDayList('/api/halls/:hallId/rectifications', (hallId, day) => service.listRectifications(hallId, day));
  adminDayList('/api/halls/:hallId/appointments', (hallId, day) => service.listAppointments(hallId, day));

  http.post(
    '/api/halls/:hallId/appointments',
    { config: { access: 'hallAdminWrite' } },
    async (req, reply) => {
      return reply
        .status(201)
        .send(await service.createAppointment(hallParam(req), bodyOf(AppointmentInput, req)));
    },
  );

  const failedPairs = new Map<string, { count: number; since: number }>();
  http.post('/api/devices/pair', async (req) => {
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
}
