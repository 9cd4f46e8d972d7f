import { LOW_REASON_ZH, LOW_REASONS, type LowReason } from '@onewindow/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { noticePage, pageLocale, STATUS_ROWS, statusPage, ticketPage } from '../pages/index.js';
import type { HallService } from '../service.js';
import type { HallStore } from '../store/types.js';
import { rateFromPhone } from './phone-rating.js';
import { acceptForms, sendError } from './reply.js';

const STATUS_PAGE_TTL_MS = 1_000;

export interface HallPagesDeps {
  service: HallService;
  store: HallStore;
}

/**
 * Server-rendered pages at the root: health, the status page, a resident's live ticket page (and its
 * script-free rating form), and the notices linked from messages. Registered without a prefix.
 */
export const hallPages: FastifyPluginAsync<HallPagesDeps> = async (pages, { service, store }) => {
  const locale = (req: FastifyRequest) =>
    pageLocale((req.query as { lang?: unknown }).lang, req.headers['accept-language']);

  pages.get('/health', async () => ({ status: 'ok', halls: service.halls.ids() }));

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
  pages.get('/', async (_req, reply) => {
    const at = performance.now();
    if (statusCache === undefined || at - statusCache.at >= STATUS_PAGE_TTL_MS) {
      statusCache = { at, html: renderStatus() };
      statusCache.html.catch(() => {
        statusCache = undefined;
      });
    }
    return reply.type('text/html; charset=utf-8').send(await statusCache.html);
  });

  pages.get('/t/:ticketId', async (req, reply) => {
    const ticketId = (req.params as { ticketId: string }).ticketId;
    const status = await service.publicStatus(ticketId);
    const rated =
      status.status === 'done' &&
      (await store.read((tx) => tx.getEvaluationByTicket(ticketId))) !== undefined;
    return reply.type('text/html; charset=utf-8').send(ticketPage(status, locale(req), { ticketId, rated }));
  });

  // The phone page's rating form posts plainly (no script); only this route reads such a form.
  await pages.register(async (scope) => {
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
      const ack = await rateFromPhone(service, ticketId, {
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

  pages.get('/n/:noticeId', async (req, reply) => {
    const notice = await service.notice((req.params as { noticeId: string }).noticeId);
    if (notice === undefined) return sendError(reply, 'NOT_FOUND', 'no such notice');
    return reply
      .type('text/html; charset=utf-8')
      .send(noticePage(notice, service.hallOf(notice.hallId).hall, locale(req)));
  });
};
