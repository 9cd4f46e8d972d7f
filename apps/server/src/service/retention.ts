import type { Logger } from '../deps.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { HallStore, PurgeCounts } from '../store/types.js';

const DAY_MS = 86_400_000;
/** A retried request is answered from its stored reply for this long; after that the reply goes. */
export const REQUEST_REPLAY_MS = DAY_MS;

/**
 * Erases personal data past each hall's `personalDataDays` (ID tokens, masked names, contacts, rating
 * comments, the event log that repeated them) and request replies past a day. Tickets, ratings and
 * cases stay, anonymous, so statistics do not change.
 */
export async function purgePersonalData(
  store: HallStore,
  halls: readonly HallRuntime[],
  now: number,
  logger: Logger,
): Promise<Record<string, PurgeCounts>> {
  const out: Record<string, PurgeCounts> = {};
  for (const hall of halls) {
    const before = now - hall.hall.rules.personalDataDays * DAY_MS;
    const counts = await store.transaction((tx) => tx.privacy.purge(hall.id, before));
    out[hall.id] = counts;
    if (Object.values(counts).some((n) => n > 0))
      logger.info({ hallId: hall.id, before, ...counts }, 'personal data past its retention erased');
  }
  await store.transaction((tx) => tx.privacy.dropRequests(now - REQUEST_REPLAY_MS));
  return out;
}
