import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserCreate } from '@onewindow/protocol';
import type { Accounts } from './admin/accounts.js';
import { SYSTEM } from './admin/types.js';
import type { HallStore } from './store/types.js';

/** The demo hall shipped with the server, and the plain tokens of its demo devices. */
export const DEMO_CONFIG = fileURLToPath(new URL('../demo/demo-hall.yaml', import.meta.url));
export function demoTokens(): Record<string, string> {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL('../demo/demo-tokens.json', import.meta.url)), 'utf8'),
  ) as Record<string, string>;
}

/** Where the personal-data key came from, for the start-up lines. */
export interface PersonalDataKeySource {
  key: string;
  from: string;
}

/**
 * The personal-data key: ONEWINDOW_KEY, else a key file — by default beside the data folder
 * (`<data>.key`), made once with 32 random bytes. Never inside the folder: whoever copies the folder
 * (a backup, a stolen disk) must not get the key with it.
 */
export function personalDataKeyFor(dataDir: string, keyFile?: string): PersonalDataKeySource {
  const fromEnv = process.env.ONEWINDOW_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 16) throw new Error('ONEWINDOW_KEY must be at least 16 characters');
    return { key: fromEnv, from: 'ONEWINDOW_KEY' };
  }
  const data = resolve(dataDir);
  const file = resolve(keyFile ?? `${data}.key`);
  const rel = relative(data, file);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(`the key file ${file} is inside the data folder ${data}; keep it outside`);
  }
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16) throw new Error(`the key file ${file} holds no key of at least 16 characters`);
  return { key, from: file };
}

/** Every screen the hall server serves, from the apps' build folders in this repository. */
export const SERVED_APPS: readonly { path: string; dir: string }[] = [
  { path: '/kiosk', dir: fileURLToPath(new URL('../../kiosk/dist/renderer', import.meta.url)) },
  { path: '/window', dir: fileURLToPath(new URL('../../window/dist/web', import.meta.url)) },
  { path: '/display', dir: fileURLToPath(new URL('../../display/dist/web', import.meta.url)) },
  { path: '/admin', dir: fileURLToPath(new URL('../../admin/dist/web', import.meta.url)) },
  { path: '/phone', dir: fileURLToPath(new URL('../../phone/dist/web', import.meta.url)) },
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
export async function ensureDemoAccounts(
  accounts: Accounts,
  hallId: string,
  store?: HallStore,
): Promise<void> {
  const make = async () => {
    if (!(await accounts.setupNeeded())) return;
    for (const user of demoAccounts(hallId)) await accounts.create(user, SYSTEM);
  };
  // Demo instances starting together on one PostgreSQL make the accounts once.
  await (store?.serialized === undefined ? make() : store.serialized('demo-accounts', make));
}
