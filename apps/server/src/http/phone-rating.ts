import { type Ack, type DeviceIdentity, PhoneRating } from '@onewindow/protocol';
import type { FastifyRequest } from 'fastify';
import { PHONE_DEVICE_PREFIX } from '../service/casework.js';
import type { HallService } from '../service.js';
import { bodyOf } from './reply.js';

/**
 * 好差评 from the resident's phone (channel mobile), for the JSON route and the page's plain form: the
 * ticket id is the credential, one rating a visit. A retry of the same rating replays its answer;
 * another rating of the visit is ALREADY_EVALUATED.
 */
export async function rateFromPhone(
  service: HallService,
  ticketId: string,
  body: unknown,
): Promise<Ack<unknown>> {
  const stored = await service.ticketOf(ticketId);
  const rating = bodyOf(PhoneRating, { body } as FastifyRequest);
  const phone: DeviceIdentity = {
    deviceId: `${PHONE_DEVICE_PREFIX}${ticketId}`,
    hallId: stored.hallId,
    role: 'pad',
    windowId: stored.windowId,
  };
  return service.execute(phone, 'evaluation:submit', {
    requestId: `phone-rating-${rating.level}`,
    ticketId,
    ...rating,
  });
}
