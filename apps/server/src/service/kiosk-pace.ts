import type { DeviceIdentity } from '@onewindow/protocol';
import { CommandError } from '../errors.js';
import type { ServiceDeps } from './deps.js';

/**
 * Tickets each kiosk issued in the last minute. A kiosk past its hall's limit is refused until its
 * oldest ticket of that minute ages out; the first refusal of each minute is reported, once.
 */
export class KioskPace {
  private readonly issued = new Map<string, number[]>();
  private readonly reported = new Map<string, number>();

  /** 0 when the kiosk may issue now (and it is counted), else the milliseconds until it may. */
  take(deviceId: string, perMinute: number, now: number): number {
    const times = (this.issued.get(deviceId) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= perMinute) {
      this.issued.set(deviceId, times);
      return 60_000 - (now - times[0]!);
    }
    times.push(now);
    this.issued.set(deviceId, times);
    return 0;
  }

  /** Whether this refusal is the first of its minute for the kiosk (the one to alert managers with). */
  firstRefusal(deviceId: string, now: number): boolean {
    const last = this.reported.get(deviceId);
    if (last !== undefined && now - last < 60_000) return false;
    this.reported.set(deviceId, now);
    return true;
  }
}

/**
 * A kiosk issuing faster than its hall allows is refused (a stuck key, a script, a scalper at the
 * screen), and the first refusal of each minute goes into the audit log for managers to see.
 */
export async function paceKiosk(
  deps: Pick<ServiceDeps, 'clock' | 'store' | 'ids' | 'logger'>,
  pace: KioskPace,
  limit: number,
  device: DeviceIdentity,
): Promise<void> {
  const now = deps.clock.now();
  const wait = pace.take(device.deviceId, limit, now);
  if (wait === 0) return;
  if (pace.firstRefusal(device.deviceId, now)) {
    await deps.store.transaction((tx) =>
      tx.admin.appendAudit({
        id: deps.ids.uuid(),
        at: now,
        hallId: device.hallId,
        actor: device.deviceId,
        actorName: device.deviceId,
        action: 'kiosk:throttled',
        target: `device:${device.deviceId}`,
        before: null,
        after: { limitPerMinute: limit },
      }),
    );
    deps.logger.warn({ deviceId: device.deviceId, limit }, 'kiosk over its tickets a minute');
  }
  throw new CommandError('RATE_LIMITED', `this kiosk may issue ${limit} tickets a minute`, {
    retryAt: now + wait,
    retryAfterMs: wait,
  });
}
