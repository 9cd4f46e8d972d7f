import type { ParsedCommand } from '@onewindow/protocol';
import { lockState, recordFailure, verifySecret } from '../credentials.js';
import { CommandError } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { ServiceDeps } from './deps.js';
import { staffAllowedAt } from './windows.js';

/** Wrong PINs in a row before a person's logins at windows are refused for a while. */
export const PIN_LOCKOUT = { tries: 5, lockMs: 5 * 60_000 };

/**
 * The clerk and their PIN, checked before the window opens and outside its transaction (scrypt is slow on
 * purpose). Five wrong PINs in a row lock that person for five minutes, also across restarts and across
 * every instance of a deployment (the count is in the store); a forgotten PIN costs no try.
 */
export async function checkStaff(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  hall: HallRuntime,
  p: ParsedCommand<'window:open'>,
  /**
   * A person of the console opening a window for a clerk (动态调整) is signed in and audited, and could
   * set the clerk's PIN anyway: no PIN is asked of them, only whether the clerk may work there.
   */
  byConsole = false,
): Promise<void> {
  if (p.staffId === undefined) {
    if (hall.hall.rules.windowsWithoutStaff) return;
    throw new CommandError('STAFF_REQUIRED', 'a window opens only with a clerk signed in', {
      windowId: p.windowId,
    });
  }
  const staffId = p.staffId;
  // Who may work here is said before any PIN is asked for: a wrong person is no wrong PIN.
  staffAllowedAt(hall, staffId, p.windowId);
  if (byConsole) return;
  const key = `pin:${hall.id}:${staffId}`;
  const now = deps.clock.now();
  const { hash, state } = await deps.store.read(async (tx) => ({
    hash: await tx.admin.getPin(hall.id, staffId),
    state: await lockState(tx.admin, key, now, PIN_LOCKOUT),
  }));
  if (hash === undefined) return;
  if (state.locked) {
    throw new CommandError('WRONG_PIN', 'too many wrong PINs; try again in a few minutes', {
      staffId,
      retryAt: state.until,
    });
  }
  if (p.pin === undefined)
    throw new CommandError('WRONG_PIN', 'a PIN is required', { staffId, pinRequired: true });
  if (await verifySecret(p.pin, hash)) {
    if (state.failures > 0) await deps.store.transaction((tx) => tx.admin.deleteLockout(key));
    return;
  }
  const { triesLeft } = await deps.store.transaction((tx) => recordFailure(tx.admin, key, now, PIN_LOCKOUT));
  throw new CommandError('WRONG_PIN', 'wrong PIN', { staffId, triesLeft });
}
