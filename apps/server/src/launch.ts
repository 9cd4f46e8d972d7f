import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserCreate } from '@onewindow/protocol';
import type { Accounts } from './admin/accounts.js';
import { SYSTEM } from './admin/types.js';

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

/** The demo's console accounts: one of each role, so every console page can be tried at once. */
export const DEMO_PASSWORD = 'onewindow-demo';
export function demoAccounts(hallId: string): UserCreate[] {
  return [
    {
      username: 'admin',
      displayName: '演示·中心管理员',
      role: 'centerAdmin',
      hallId: null,
      password: DEMO_PASSWORD,
    },
    {
      username: 'manager',
      displayName: '演示·大厅负责人',
      role: 'hallManager',
      hallId,
      password: DEMO_PASSWORD,
    },
    {
      username: 'auditor',
      displayName: '演示·审计员',
      role: 'auditor',
      hallId: null,
      password: DEMO_PASSWORD,
    },
  ];
}

/** Creates the demo accounts in a database that has none yet (a later start keeps what people changed). */
export async function ensureDemoAccounts(accounts: Accounts, hallId: string): Promise<void> {
  if (!(await accounts.setupNeeded())) return;
  for (const user of demoAccounts(hallId)) await accounts.create(user, SYSTEM);
}
