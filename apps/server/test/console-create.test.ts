import { describe, expect, it } from 'vitest';
import { ConsoleSession, data, firstAdmin, PASSWORD } from './console-helpers.js';
import { useHalls } from './helpers.js';

const halls = useHalls();

interface Config {
  version: number;
  config: Record<'categories' | 'matters' | 'windows' | 'staff', { id: string; name: string }[]>;
}

/** Everything a refused create could have touched: the configuration, devices, accounts, halls, audit. */
async function everything(admin: ConsoleSession) {
  return {
    config: data(await admin.get<Config>('/api/admin/halls/h1/config')),
    devices: data(await admin.get('/api/admin/halls/h1/devices')),
    users: data(await admin.get('/api/admin/users')),
    halls: data(await admin.get('/api/admin/me')),
    audit: data(await admin.get<unknown[]>('/api/admin/audit')).length,
  };
}

describe('添加 never overwrites: creating with a taken id is refused at the id field, nothing changed', () => {
  it('for categories, matters, windows and staff (the configuration), devices, accounts and halls', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const start = data(await admin.get<Config>('/api/admin/halls/h1/config'));
    const taken = {
      category: start.config.categories[0]!,
      matter: start.config.matters[0]!,
      window: start.config.windows[0]!,
      staff: start.config.staff[0]!,
    };
    const before = await everything(admin);

    for (const [kind, item] of Object.entries(taken)) {
      // The whole item under a taken id, with every other field different (a new name), as a
      // manager's new form would send it.
      const r = await admin.post('/api/admin/halls/h1/config', {
        baseVersion: start.version,
        change: { type: `${kind}.create`, [kind]: { ...item, name: `新的${item.name}` } },
      });
      expect(r.status, kind).toBe(400);
      expect(r.body, kind).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          details: { issues: [{ path: `change.${kind}.id`, message: `"${item.id}" exists already` }] },
        },
      });
    }
    const device = await admin.post('/api/admin/halls/h1/devices', {
      id: 'kiosk',
      role: 'kiosk',
      windowId: null,
      name: '另一台取号机',
      locale: null,
    });
    expect(device.body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'id' }] } },
    });
    const user = await admin.post('/api/admin/users', {
      username: 'admin',
      displayName: '另一个人',
      role: 'auditor',
      hallId: null,
      password: PASSWORD,
    });
    expect(user.body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'username' }] } },
    });
    const newHall = await admin.post('/api/admin/halls', {
      hall: { id: 'h1', name: '重名的中心', level: 'township', hours: { open: '09:00', close: '17:00' } },
    });
    expect(newHall.body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'hall.id' }] } },
    });

    expect(await everything(admin)).toEqual(before);
  });

  it('changing an item that is not there is refused too (a put never creates)', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const start = data(await admin.get<Config>('/api/admin/halls/h1/config'));
    const r = await admin.post('/api/admin/halls/h1/config', {
      change: { type: 'category.put', category: { id: 'nowhere', name: '不存在' } },
    });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(data(await admin.get<Config>('/api/admin/halls/h1/config'))).toEqual(start);
  });

  it('two managers adding the same id at once: one is saved, the other refused', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const second = await firstAdminSession(hall.url);
    const add = (s: ConsoleSession, name: string) =>
      s.post('/api/admin/halls/h1/config', {
        change: { type: 'category.create', category: { id: 'new-cat', name } },
      });
    const answers = await Promise.all([add(admin, '甲'), add(second, '乙')]);
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.body.ok)).toHaveLength(1);
    const cats = data(await admin.get<Config>('/api/admin/halls/h1/config')).config.categories;
    expect(cats.filter((c) => c.id === 'new-cat')).toHaveLength(1);
  });
});

/** A second console session of the same administrator (another manager's browser). */
async function firstAdminSession(url: string): Promise<ConsoleSession> {
  const s = new ConsoleSession(url);
  data(await s.post('/api/admin/login', { username: 'admin', password: PASSWORD }));
  return s;
}
