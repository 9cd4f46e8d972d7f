import { serviceDayOf } from '@onewindow/domain';
import type { HallCore } from './hall-core.js';
import { reportOverdue } from './integrations/hall-events.js';
import type { HallServerDeps } from './server-types.js';

/**
 * The hall's timers: the day-close check and missed bookings (every `tickIntervalMs`), and daily
 * backups. With several instances they run on the one holding the lease; another takes over when it
 * lapses.
 */
export function hallTimers(
  core: Pick<
    HallCore,
    'service' | 'residents' | 'backups' | 'instanceId' | 'clock' | 'logger' | 'deliveries' | 'halls'
  >,
  deps: Pick<HallServerDeps, 'store' | 'tickIntervalMs'>,
): { start(): Promise<void>; runNow(): Promise<void>; stop(): void } {
  const interval = deps.tickIntervalMs ?? 30_000;
  const leaseMs = Math.max(3 * interval, 5_000);
  let timer: NodeJS.Timeout | undefined;
  let stopBackups: (() => void) | undefined;
  const runNow = async () => {
    await core.service.tick();
    await core.residents.tick();
    await reportOverdue(core.deliveries, deps.store, core.halls.all(), serviceDayOf(core.clock.now()));
  };
  const tick = async () => {
    try {
      if (
        deps.store.shared === true &&
        !(await deps.store.transaction((tx) =>
          tx.takeLease('timers', core.instanceId, core.clock.now(), leaseMs),
        ))
      )
        return;
      await runNow();
    } catch (e) {
      core.logger.error({ err: e }, 'day-close check failed');
    }
  };
  return {
    async start() {
      await tick(); // close days the server slept through before anyone connects
      if (interval > 0) timer = setInterval(() => void tick(), interval);
      if (core.backups !== undefined && interval > 0) stopBackups = core.backups.schedule();
    },
    runNow,
    stop() {
      if (timer !== undefined) clearInterval(timer);
      stopBackups?.();
    },
  };
}
