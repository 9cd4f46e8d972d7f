import { describe, expect, it } from 'vitest';
import { ConsoleSession, data, firstAdmin, PASSWORD } from './console-helpers.js';
import { FakeClock, KIOSK, MIN, okData, useHalls } from './helpers.js';

const halls = useHalls();

type ConfigAnswer = {
  version: number;
  config: { matters: { id: string; code: string }[]; windows: { id: string }[]; hall: { hours: unknown } };
};

describe('the first administrator and signing in', () => {
  it('creates the first administrator once, with the code printed at the first start', async () => {
    const hall = await halls.start();
    const s = new ConsoleSession(hall.url);
    expect(data(await s.get<{ needed: boolean }>('/api/admin/setup'))).toEqual({ needed: true });
    const code = await hall.server.accounts.setupCode();
    const body = {
      username: 'admin',
      displayName: '周主任',
      password: PASSWORD,
      hall: { id: 'h1', name: 'x', level: 'county' },
    };
    expect((await s.post('/api/admin/setup', { ...body, code: 'wrong-code-1' })).body).toMatchObject({
      ok: false,
      error: { code: 'SETUP_DONE' },
    });
    expect((await s.post('/api/admin/setup', { ...body, code, password: 'short' })).body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'password' }] } },
    });
    const me = data(await s.post<{ person: { role: string } }>('/api/admin/setup', { ...body, code }));
    expect(me.person.role).toBe('centerAdmin');
    expect(s.cookie).toMatch(/^ow_session=/);
    expect(data(await s.get<{ halls: { id: string }[] }>('/api/admin/me')).halls.map((h) => h.id)).toEqual([
      'h1',
    ]);
    expect(
      (await new ConsoleSession(hall.url).post('/api/admin/setup', { ...body, code })).body,
    ).toMatchObject({
      ok: false,
      error: { code: 'SETUP_DONE' },
    });
    expect(await hall.server.accounts.setupCode()).toBeNull();
  });

  it('locks an account after five wrong passwords, also across a restart, and says the same for unknown users', async () => {
    const clock = new FakeClock();
    let hall = await halls.start({ clock });
    await firstAdmin(hall);
    const s = new ConsoleSession(hall.url);
    for (let i = 0; i < 5; i++) {
      const r = await s.post('/api/admin/login', { username: 'admin', password: 'wrong password!' });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    }
    expect((await s.post('/api/admin/login', { username: 'nobody', password: 'x' })).body).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS', details: { triesLeft: 4 } },
    });
    const dir = hall.dir;
    await hall.stop();
    hall = await halls.start({ dir, clock });
    const again = new ConsoleSession(hall.url);
    expect(
      (await again.post('/api/admin/login', { username: 'admin', password: PASSWORD })).body,
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS', details: { retryAt: expect.any(Number) } },
    });
    clock.advance(16 * MIN);
    data(await again.post('/api/admin/login', { username: 'admin', password: PASSWORD }));
    expect(data(await again.get<{ person: { username: string } }>('/api/admin/me')).person.username).toBe(
      'admin',
    );
    data(await again.post('/api/admin/logout'));
    expect((await again.get('/api/admin/me')).body).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a form posted from another site, or not as JSON', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const res = await fetch(`${hall.url}/api/admin/halls/h1/config`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ change: { type: 'category.delete', id: 'tax' } }),
    });
    expect(res.status).toBe(403);
    const form = await fetch(`${hall.url}/api/admin/logout`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415); // unsupported media type, in the documented body
    expect(data(await admin.get('/api/admin/me'))).toBeDefined();
  });
});

describe('who may do what', () => {
  it('keeps a hall manager to their hall and an auditor to reading; each refusal changes nothing', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const township = {
      id: 'h2',
      name: '青山镇便民服务中心',
      level: 'township',
      parentId: 'h1',
      hours: { open: '08:30', close: '17:00' },
    };
    data(await admin.post('/api/admin/halls', { hall: township }));
    for (const u of [
      {
        username: 'manager2',
        displayName: '镇管理员',
        role: 'hallManager',
        hallId: 'h2',
        password: PASSWORD,
      },
      { username: 'auditor1', displayName: '审计员', role: 'auditor', hallId: null, password: PASSWORD },
    ])
      data(await admin.post('/api/admin/users', u));
    const manager = new ConsoleSession(hall.url);
    data(await manager.post('/api/admin/login', { username: 'manager2', password: PASSWORD }));
    const auditor = new ConsoleSession(hall.url);
    data(await auditor.post('/api/admin/login', { username: 'auditor1', password: PASSWORD }));

    const before = data(await admin.get<ConfigAnswer>('/api/admin/halls/h1/config')).version;
    expect((await manager.get('/api/admin/halls/h1/config')).body).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const change = { change: { type: 'category.create', category: { id: 'x', name: '新领域' } } };
    expect((await manager.post('/api/admin/halls/h1/config', change)).body).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await auditor.post('/api/admin/halls/h1/config', change)).body).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      (
        await auditor.post('/api/admin/users', {
          username: 'x1x',
          displayName: 'x',
          role: 'auditor',
          hallId: null,
          password: PASSWORD,
        })
      ).body,
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      (
        await manager.post('/api/admin/halls/h1/devices', {
          id: 'k9',
          role: 'kiosk',
          windowId: null,
          name: 'k',
          locale: null,
        })
      ).body,
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(data(await auditor.get<ConfigAnswer>('/api/admin/halls/h1/config')).version).toBe(before);
    expect(data(await admin.get<ConfigAnswer>('/api/admin/halls/h1/config')).version).toBe(before);
    // The manager changes their own hall; the auditor sees both halls but changes neither.
    data(await manager.post('/api/admin/halls/h2/config', change));
    expect(
      data(await manager.get<{ halls: { id: string }[] }>('/api/admin/me')).halls.map((h) => h.id),
    ).toEqual(['h2']);
    expect(
      data(await auditor.get<{ halls: { id: string }[] }>('/api/admin/me')).halls.map((h) => h.id),
    ).toEqual(['h1', 'h2']);
    const audit = data(await manager.get<{ hallId: string; action: string }[]>('/api/admin/audit'));
    expect(audit.every((a) => a.hallId === 'h2')).toBe(true);
    expect(audit.map((a) => a.action)).toContain('config.category.create');
  });
});

describe('configuration changes', () => {
  it('names every problem by its field and saves nothing: duplicate code, overlapping hours, a skill naming a deleted matter', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const cfg = () => admin.get<ConfigAnswer>('/api/admin/halls/h1/config');
    const start = data(await cfg());
    const matter = start.config.matters[0] as Record<string, unknown>;
    const dup = await admin.post('/api/admin/halls/h1/config', {
      change: { type: 'matter.create', matter: { ...matter, id: 'm-new', code: 'm-tax' } },
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: 'matters[4].code', message: expect.stringContaining('also used') }] },
      },
    });
    const hallDoc = data(
      await admin.get<{ config: { hall: Record<string, unknown> } }>('/api/admin/halls/h1/config'),
    ).config.hall;
    const overlapping = {
      ...hallDoc,
      hours: {
        weekly: {
          mon: [
            { open: '08:30', close: '12:00' },
            { open: '11:30', close: '17:00' },
          ],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: [],
          sun: [],
        },
      },
    };
    expect(
      (await admin.post('/api/admin/halls/h1/config', { change: { type: 'hall.put', hall: overlapping } }))
        .body,
    ).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: 'change.hall.hours.weekly.mon[1].open' }] } },
    });
    data(
      await admin.post('/api/admin/halls/h1/config', {
        change: {
          type: 'window.create',
          window: {
            id: 'w9',
            number: '9',
            name: '专窗',
            type: 'dedicated',
            primary: { matters: ['m-quota'] },
          },
        },
      }),
    );
    const deleted = await admin.post('/api/admin/halls/h1/config', {
      change: { type: 'matter.delete', id: 'm-quota' },
    });
    expect(deleted.body).toMatchObject({
      ok: false,
      error: {
        details: { issues: [{ path: 'windows[3].primary.matters[0]', message: 'unknown matter "m-quota"' }] },
      },
    });
    const end = data(await cfg());
    expect(end.version).toBe(start.version + 1);
    expect(end.config.matters.map((m) => m.id)).toEqual(start.config.matters.map((m) => m.id));
    const stale = await admin.post('/api/admin/halls/h1/config', {
      baseVersion: start.version,
      change: { type: 'category.delete', id: 'tax' },
    });
    expect(stale.body).toMatchObject({
      ok: false,
      error: { code: 'VERSION_CONFLICT', details: { version: end.version } },
    });
  });

  it('applies a change live: screens resync and the new matter can be issued at once', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const kiosk = await hall.connect(KIOSK);
    const matter = {
      id: 'm-new',
      code: 'NEW-1',
      name: '新事项',
      categoryId: 'social',
      department: '县民政局',
      kind: 'promised',
      promisedDays: 5,
      targetWaitMin: 10,
      avgHandleMin: 6,
      ticketPrefix: 'N',
      guide: {
        conditions: ['本县户籍'],
        materials: [{ name: '申请表', original: 1, copies: 0 }],
        steps: ['受理'],
        timeLimit: '5 个工作日',
        fees: '不收费',
        legalBasis: ['依据'],
      },
    };
    data(await admin.post('/api/admin/halls/h1/config', { change: { type: 'matter.create', matter } }));
    await kiosk.waitFor((s) => s.matters.some((m) => m.id === 'm-new'));
    expect(okData(await kiosk.issueTicket({ matterId: 'm-new' })).ticket.number).toBe('N001');
    const guide = (await (await fetch(`${hall.url}/api/halls/h1/matters/m-new`)).json()) as {
      guide: { materials: unknown[] };
    };
    expect(guide.guide.materials).toEqual([{ name: '申请表', original: 1, copies: 0 }]);
    const audit = data(
      await admin.get<{ action: string; target: string; after: unknown }[]>(
        '/api/admin/audit?action=config.',
      ),
    );
    expect(audit[0]).toMatchObject({
      action: 'config.matter.create',
      target: 'matter:m-new',
      after: { matter: { code: 'NEW-1' } },
    });
  });

  it('exports a hall as YAML and imports it back unchanged; an import with errors names them and saves nothing', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const yaml = data(await admin.get<string>('/api/admin/halls/h1/export.yaml'));
    expect(yaml).toContain('测试政务服务中心');
    expect(yaml).not.toContain('2468'); // no PINs, no tokens
    const before = data(await admin.get<ConfigAnswer & { config: unknown }>('/api/admin/halls/h1/config'));
    data(await admin.call('POST', '/api/admin/halls/h1/import', yaml, 'text/yaml'));
    const after = data(await admin.get<ConfigAnswer & { config: unknown }>('/api/admin/halls/h1/config'));
    expect(after.config).toEqual(before.config);
    expect(after.version).toBe(before.version + 1);
    expect(
      data(await admin.get<string>('/api/admin/halls/h1/export.yaml'))
        .split('\n')
        .slice(1),
    ).toEqual(yaml.split('\n').slice(1));
    const broken = yaml
      .replace('ticketPrefix: B', 'ticketPrefix: b1')
      .replace(/categoryId: tax/, 'categoryId: nowhere');
    const r = await admin.call('POST', '/api/admin/halls/h1/import', broken, 'text/yaml');
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const paths = (r.body.ok ? [] : ((r.body.error.details?.issues ?? []) as { path: string }[])).map(
      (i) => i.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['matters[2].ticketPrefix', 'matters[2].categoryId']));
    expect(data(await admin.get<ConfigAnswer>('/api/admin/halls/h1/config')).version).toBe(after.version);
    expect(
      (await admin.call('POST', '/api/admin/halls/h1/import', 'a: [unclosed', 'text/yaml')).body,
    ).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: expect.stringMatching(/^line/) }] } },
    });
  });
});
