import { renameSync, writeFileSync } from 'node:fs';
import type { AckError, PairOutcome } from '@onewindow/protocol';
import type { KioskConfig } from './config.js';

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  json(): Promise<unknown>;
}>;

/**
 * Pairs an Electron kiosk: the code the console showed goes to the hall server; the token it answers
 * is written into the device file (owner-only, replaced atomically) so the kiosk keeps it across
 * restarts. Returns the new configuration when it worked.
 */
export async function pairKiosk(
  file: string,
  config: KioskConfig,
  code: string,
  clientVersion: string,
  fetchImpl: Fetch = fetch,
): Promise<{ outcome: PairOutcome; config?: KioskConfig }> {
  if (!/^\d{8}$/.test(code)) {
    return { outcome: { ok: false, error: { code: 'VALIDATION_FAILED', message: 'the code is 8 digits' } } };
  }
  let body: unknown;
  try {
    const res = await fetchImpl(`${config.serverUrl}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, clientVersion }),
    });
    body = await res.json();
  } catch {
    return {
      outcome: { ok: false, error: { code: 'DISCONNECTED', message: 'the hall server did not answer' } },
    };
  }
  const answer = body as { ok: true; data: { token: string } } | { ok: false; error: AckError };
  if (!answer.ok) return { outcome: { ok: false, error: answer.error } };
  const paired: KioskConfig = { ...config, token: answer.data.token };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(paired, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return { outcome: { ok: true }, config: paired };
}
