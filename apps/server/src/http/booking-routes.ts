import { ServiceDay } from '@onewindow/domain';
import {
  BookingAccess,
  BookingRequest,
  BookingReschedule,
  type ErrorCode,
  type Locale,
} from '@onewindow/protocol';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { CommandError, notFound } from '../errors.js';
import {
  categoriesPage,
  confirmPage,
  formPage,
  hallsPage,
  lookupPage,
  managePage,
  matterPage,
  mattersPage,
  type Nav,
} from '../pages/book.js';
import { BOOK_WORDS } from '../pages/book-words.js';
import type { Limiter } from '../rate-limit.js';
import type { Booking } from '../service/booking.js';
import { acceptForms, bodyOf, refusalCode, statusOf, takeOrRefuse } from './reply.js';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export interface BookingRouteDeps {
  booking: Booking;
  /** Bookings, cancels and moves per address. */
  bookings: Limiter;
  /** Look-ups by code and phone digits per address (guessing is slowed to a crawl). */
  lookups: Limiter;
}

const p = (req: FastifyRequest) => req.params as { hallId: string; matterId: string; categoryId: string };
const hallsOf = (b: Booking) =>
  b.hallsWithBooking().map((h) => ({ id: h.id, name: h.hall.name, nameEn: h.hall.nameEn }));

/**
 * 预约 for residents as JSON, registered with the prefix `/api/book`; the phone pages (`bookingPages`)
 * run the same operations. Every write and every look-up is limited per address.
 */
export const bookingApi: FastifyPluginAsync<BookingRouteDeps> = async (http, d) => {
  const b = d.booking;

  http.get('/halls', async () => hallsOf(b));
  http.get('/halls/:hallId/matters', async (req) =>
    b.bookable(p(req).hallId).map((m) => ({ ...m, booking: m.booking })),
  );
  http.get('/halls/:hallId/matters/:matterId/days', async (req) => b.days(p(req).hallId, p(req).matterId));
  http.get('/halls/:hallId/matters/:matterId/slots', async (req) =>
    b.slots(p(req).hallId, p(req).matterId, dayOf(req)),
  );
  http.post('/halls/:hallId/bookings', async (req, reply) => {
    await takeOrRefuse(d.bookings, req.ip);
    return reply.status(201).send(await b.book(p(req).hallId, bodyOf(BookingRequest, req)));
  });
  http.post('/halls/:hallId/bookings/lookup', async (req) => {
    await takeOrRefuse(d.lookups, req.ip);
    return b.find(p(req).hallId, bodyOf(BookingAccess, req));
  });
  http.post('/halls/:hallId/bookings/cancel', async (req) => {
    await takeOrRefuse(d.lookups, req.ip);
    await takeOrRefuse(d.bookings, req.ip);
    return b.cancel(p(req).hallId, bodyOf(BookingAccess, req));
  });
  http.post('/halls/:hallId/bookings/reschedule', async (req) => {
    await takeOrRefuse(d.lookups, req.ip);
    await takeOrRefuse(d.bookings, req.ip);
    return b.reschedule(p(req).hallId, bodyOf(BookingReschedule, req));
  });
};

/**
 * 预约 for residents as script-free phone pages, registered with the prefix `/book`: halls, categories,
 * matters with their free slots, the form, and a booking's page to look up, cancel or move it.
 */
export const bookingPages: FastifyPluginAsync<BookingRouteDeps> = async (http, d) => {
  const b = d.booking;
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').send(body);
  const hallHead = (hallId: string) => {
    const h = b.hall(hallId).hall;
    return { id: h.id, name: h.name, nameEn: h.nameEn };
  };

  http.get('', async (req, reply) =>
    reply.redirect(`/book/${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`, 302),
  );
  http.get('/', { prefixTrailingSlash: 'slash' }, async (req, reply) =>
    html(reply, hallsPage(hallsOf(b), navOf(req.query))),
  );
  http.get('/:hallId/', async (req, reply) => {
    const { hallId } = p(req);
    const withBooking = new Set(b.bookable(hallId).map((m) => m.categoryId));
    const categories = b.hall(hallId).categories.filter((c) => withBooking.has(c.id));
    return html(reply, categoriesPage(hallHead(hallId), categories, navOf(req.query)));
  });
  http.get('/:hallId/c/:categoryId', async (req, reply) => {
    const { hallId, categoryId } = p(req);
    const category = b.hall(hallId).categories.find((c) => c.id === categoryId);
    if (category === undefined) throw notFound('category', categoryId);
    const matters = b.bookable(hallId).filter((m) => m.categoryId === categoryId);
    return html(reply, mattersPage(hallHead(hallId), category, matters, navOf(req.query)));
  });
  http.get('/:hallId/m/:matterId', async (req, reply) => {
    const { hallId, matterId } = p(req);
    const { matter } = b.matter(hallId, matterId);
    const day = (req.query as { day?: unknown }).day;
    const chosen = day === undefined ? null : await b.slots(hallId, matterId, dayOf(req));
    return html(
      reply,
      matterPage(hallHead(hallId), matter, b.days(hallId, matterId), chosen, navOf(req.query)),
    );
  });
  http.get('/:hallId/m/:matterId/form', async (req, reply) => {
    const { hallId, matterId } = p(req);
    const { matter, rule } = b.matter(hallId, matterId);
    const start = Number((req.query as { start?: unknown }).start);
    if (!Number.isSafeInteger(start)) throw new CommandError('VALIDATION_FAILED', 'choose a slot first');
    const slot = { start, end: start + rule.slotMin * 60_000 };
    return html(reply, formPage(hallHead(hallId), matter, slot, navOf(req.query)));
  });

  http.get('/:hallId/manage', async (req, reply) =>
    html(reply, lookupPage(hallHead(p(req).hallId), navOf(req.query))),
  );

  // The pages' forms post plainly (no script); only these routes read such forms.
  await http.register(async (scope) => {
    acceptForms(scope);
    scope.post('/:hallId/m/:matterId/book', async (req, reply) => {
      const { hallId, matterId } = p(req);
      const form = (req.body ?? {}) as Form;
      const nav = navOf(form);
      const { matter, rule } = b.matter(hallId, matterId);
      const start = Number(one(form.start));
      const values = { name: one(form.name).trim(), phone: one(form.phone).trim() };
      try {
        await takeOrRefuse(d.bookings, req.ip);
        const view = await b.book(hallId, {
          ...bodyOf(BookingRequest, {
            body: {
              matterId,
              slotStart: start,
              ...values,
              idNumber: one(form.idNumber).trim().toUpperCase(),
            },
          } as FastifyRequest),
        });
        return html(reply, confirmPage(view, await qr(view.code), nav), 201);
      } catch (e) {
        const code = refusalCode(e);
        const slot =
          Number.isSafeInteger(start) && start > 0 ? { start, end: start + rule.slotMin * 60_000 } : null;
        return html(reply, formPage(hallHead(hallId), matter, slot, nav, code, values), statusOf(code));
      }
    });
    const manage = (
      path: string,
      writes: boolean,
      act: (hallId: string, form: Form, access: BookingAccess) => Promise<{ said?: string }>,
    ) =>
      scope.post(path, async (req, reply) => {
        const { hallId } = p(req);
        const form = (req.body ?? {}) as Form;
        const nav = navOf(form);
        try {
          await takeOrRefuse(d.lookups, req.ip);
          if (writes) await takeOrRefuse(d.bookings, req.ip);
          const access = bodyOf(BookingAccess, {
            body: { code: one(form.code).trim(), phoneDigits: one(form.phoneDigits).trim() },
          } as FastifyRequest);
          const { said } = await act(hallId, form, access);
          const view = await b.find(hallId, access);
          const choices = view.status === 'booked' ? await b.choices(hallId, view.matterId) : [];
          return html(reply, managePage(view, access, choices, nav, await qr(view.code), said));
        } catch (e) {
          const code: ErrorCode = refusalCode(e);
          return html(reply, lookupPage(hallHead(hallId), nav, code), statusOf(code));
        }
      });
    manage('/:hallId/manage', false, async () => ({}));
    manage('/:hallId/cancel', true, async (hallId, form, access) => {
      await b.cancel(hallId, access);
      return { said: BOOK_WORDS[navOf(form).locale].cancelled };
    });
    manage('/:hallId/reschedule', true, async (hallId, form, access) => {
      await b.reschedule(hallId, { ...access, slotStart: Number(one(form.slotStart)) });
      return { said: BOOK_WORDS[navOf(form).locale].moved };
    });
  });
};

/** The language and type size a page was asked in (query or form). */
export function navOf(q: unknown): Nav {
  const o = (q ?? {}) as Record<string, unknown>;
  const locale: Locale = o.lang === 'en' ? 'en' : 'zh-CN';
  return { locale, large: o.size === 'l' };
}

function dayOf(req: FastifyRequest): string {
  const day = ServiceDay.safeParse((req.query as { day?: unknown }).day);
  if (!day.success) throw new CommandError('VALIDATION_FAILED', 'query parameter day must be YYYY-MM-DD');
  return day.data;
}

/** The booking code as a QR code the kiosk's scanner reads (inline SVG: no image request). */
const qr = (code: string): Promise<string> =>
  QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
