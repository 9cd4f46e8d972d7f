import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo hall shipped with the server, and the plain tokens of its demo devices. */
export const DEMO_CONFIG = fileURLToPath(new URL('../demo/demo-hall.yaml', import.meta.url));
export function demoTokens(): Record<string, string> {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL('../demo/demo-tokens.json', import.meta.url)), 'utf8'),
  ) as Record<string, string>;
}

/** The ID-hash key comes from the environment, or is made once and kept beside the database. */
export function idHashKeyIn(dataDir: string): string {
  const fromEnv = process.env.ONEWINDOW_ID_HASH_KEY;
  if (fromEnv !== undefined && fromEnv.length >= 16) return fromEnv;
  const file = join(dataDir, 'id-hash.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Every screen the hall server serves, from the apps' build folders in this repository. */
export const SERVED_APPS: readonly { path: string; dir: string }[] = [
  { path: '/kiosk', dir: fileURLToPath(new URL('../../kiosk/dist/renderer', import.meta.url)) },
  { path: '/window', dir: fileURLToPath(new URL('../../window/dist/web', import.meta.url)) },
  { path: '/display', dir: fileURLToPath(new URL('../../display/dist/web', import.meta.url)) },
  { path: '/admin', dir: fileURLToPath(new URL('../../admin/dist/web', import.meta.url)) },
];
