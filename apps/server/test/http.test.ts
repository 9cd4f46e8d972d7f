import type { Appointment, Matter } from '@onewindow/domain';
import { weekdayHours } from '@onewindow/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  idNumberBornOn,
  KIOSK,
  MIN,
  MONDAY_9AM,
  okData,
  removeDir,
  startHall,
  type TestHall,
  windowToken,
} from './helpers.js';

let hall: TestHall;
beforeAll(async () => {
  hall = await startHall();
});
afterAll(async () => {
  await hall.stop();
  removeDir(hall.dir);
});

const get = async <T = unknown>(path: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${hall.url}${path}`, { headers });
  const type = r.headers.get('content-type') ?? '';
  return { status: r.status, type, body: (type.includes('json') ? await r.json() : await r.text()) as T };
};
const post = async <T = unknown>(path: string, body: unknown, token?: string) => {
  const r = await fetch(`${hall.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as T };
};

describe('HTTP API', () => {
  it('answers health, halls, matters and guides', async () => {
    expect((await get('/health')).body).toEqual({ status: 'ok', halls: ['h1'] });
    expect((await get('/api/halls')).body).toEqual([
      { id: 'h1', name: '测试政务服务中心', level: 'county', hours: weekdayHours('08:30', '17:30') },
    ]);
    const matters = (await get<{ matters: { guide?: unknown }[] }>('/api/halls/h1/matters')).body;
    expect(matters.matters).toHaveLength(4);
    expect(matters.matters[0]?.guide).toBeUndefined();
    expect(matters.matters[0]).toBeDefined();
    const one = await get<Matter>('/api/halls/h1/matters/m-social');
    expect(one.body.guide.materials.at(0)).toEqual({ name: '身份证', original: 1, copies: 1 });
    expect(await get('/api/halls/h1/matters/nope')).toMatchObject({
      status: 404,
      body: { ok: false, error: { code: 'NOT_FOUND' } },
    });
    expect(await get('/api/halls/nope/matters')).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
  });

  it('shows a ticket’s public status to a phone, without personal data', async () => {
    const kiosk = await hall.connect(KIOSK);
    const idNumber = idNumberBornOn('19700101');
    const first = okData(
      await kiosk.issueTicket({ matterId: 'm-tax', resident: { idNumber, name: '赵六' } }),
    ).ticket;
    const second = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    const status = await get(`/api/tickets/${second.id}`);
    expect(status.body).toMatchObject({
      number: second.number,
      hallName: '测试政务服务中心',
      matterName: '事项m-tax',
      status: 'waiting',
      position: { peopleAhead: 1 },
      window: null,
    });
    const page = await get(`/t/${first.id}`);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain(first.number);
    expect(page.body).toContain('等候叫号');
    expect(JSON.stringify((await get(`/api/tickets/${first.id}`)).body)).not.toMatch(/赵|\*{4}/);
    const win = await hall.connect(windowToken('w3'));
    okData(await win.command('window:open', { windowId: 'w3' }));
    okData(await win.callNext('w3'));
    const calledPage = await get(`/t/${first.id}`);
    expect(calledPage.body).toContain('请到 <b>3 号窗口</b>');
    // English from the QR's ?lang=en or the phone's own language; a link offers the other one.
    for (const english of [
      await get(`/t/${first.id}?lang=en`),
      await get(`/t/${first.id}`, { 'accept-language': 'en-GB,en;q=0.9' }),
    ]) {
      expect(english.body).toContain('<html lang="en">');
      expect(english.body).toContain('Please go to <b>window 3</b>');
      expect(english.body).toContain('href="?lang=zh"');
      expect(english.body).not.toContain('请到');
    }
    expect((await get(`/t/${first.id}?lang=zh`, { 'accept-language': 'en' })).body).toContain(
      '请到 <b>3 号窗口</b>',
    );
    expect(await get('/api/tickets/unknown')).toMatchObject({ status: 404 });
  });

  it('serves the status page with windows and waiting tickets', async () => {
    const page = await get('/');
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('测试政务服务中心');
    expect(page.body).toContain('税务窗口');
  });

  it('creates appointments for admins only, and checks them in as appointment tickets', async () => {
    const slotStart = MONDAY_9AM + 15 * MIN;
    const body = {
      matterId: 'm-social',
      slotStart,
      slotEnd: slotStart + 30 * MIN,
      resident: { idNumber: idNumberBornOn('19850505'), name: '钱七' },
    };
    expect(await post('/api/halls/h1/appointments', body)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(await post('/api/halls/h1/appointments', body, KIOSK)).toMatchObject({ status: 401 });
    expect(await post('/api/halls/h1/appointments', { ...body, slotEnd: slotStart }, ADMIN)).toMatchObject({
      status: 400,
    });
    expect(await post('/api/halls/h1/appointments', { ...body, matterId: 'nope' }, ADMIN)).toMatchObject({
      status: 404,
    });
    const created = await post<Appointment>('/api/halls/h1/appointments', body, ADMIN);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      matterId: 'm-social',
      status: 'booked',
      resident: { nameMasked: '钱*' },
    });
    expect(created.body.code).toMatch(/^\d{8}$/);
    const later = await post(
      '/api/halls/h1/appointments',
      {
        matterId: 'm-tax',
        code: 'LATE1234',
        slotStart: slotStart + 180 * MIN,
        slotEnd: slotStart + 210 * MIN,
      },
      ADMIN,
    );
    expect(later.status).toBe(201);
    expect(
      await post(
        '/api/halls/h1/appointments',
        { matterId: 'm-tax', code: 'LATE1234', slotStart, slotEnd: slotStart + MIN },
        ADMIN,
      ),
    ).toMatchObject({ status: 400 });

    const list = await get<Appointment[]>('/api/halls/h1/appointments?day=2026-11-23', {
      authorization: `Bearer ${ADMIN}`,
    });
    expect(list.body.map((a) => a.code)).toEqual([created.body.code, 'LATE1234']);
    expect(
      await get('/api/halls/h1/appointments?day=23.11.2026', { authorization: `Bearer ${ADMIN}` }),
    ).toMatchObject({ status: 400 });

    const kiosk = await hall.connect(KIOSK);
    const checkedIn = okData(await kiosk.issueTicket({ appointmentCode: created.body.code }));
    expect(checkedIn.ticket).toMatchObject({
      priorityClass: 'appointment',
      matterId: 'm-social',
      appointmentId: created.body.id,
      resident: { nameMasked: '钱*' },
    });
    expect(await kiosk.issueTicket({ appointmentCode: created.body.code })).toMatchObject({
      ok: false,
      error: { code: 'APPOINTMENT_USED' },
    });
    expect(await kiosk.issueTicket({ appointmentCode: 'LATE1234' })).toMatchObject({
      ok: false,
      error: {
        code: 'APPOINTMENT_TOO_EARLY',
        message: 'check-in opens at 11:45',
        // The kiosk offers a normal ticket for the same matter and shows the slot.
        details: { matterId: 'm-tax', slotStart: slotStart + 180 * MIN, slotEnd: slotStart + 210 * MIN },
      },
    });
  });

  it('checks in by ID card the appointment booked under that ID number, and only that', async () => {
    const idNumber = idNumberBornOn('19700101', '555');
    const slotStart = MONDAY_9AM - 10 * MIN;
    const booked = await post<Appointment>(
      '/api/halls/h1/appointments',
      { matterId: 'm-tax', slotStart, slotEnd: slotStart + 30 * MIN, resident: { idNumber, name: '孙八' } },
      ADMIN,
    );
    expect(booked.status).toBe(201);
    const kiosk = await hall.connect(KIOSK);
    expect(
      await kiosk.issueTicket({
        checkIn: true,
        resident: { idNumber: idNumberBornOn('19700101', '556'), name: '孙八' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await kiosk.issueTicket({ checkIn: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const ticket = okData(
      await kiosk.issueTicket({ checkIn: true, resident: { idNumber, name: '孙八' } }),
    ).ticket;
    expect(ticket).toMatchObject({
      priorityClass: 'appointment',
      matterId: 'm-tax',
      appointmentId: booked.body.id,
      resident: { nameMasked: '孙*' },
    });
    expect(await kiosk.issueTicket({ checkIn: true, resident: { idNumber, name: '孙八' } })).toMatchObject({
      ok: false,
      error: { code: 'APPOINTMENT_USED' },
    });
  });

  it('lets screens of other origins read the public API, but not the admin lists', async () => {
    const matters = await fetch(`${hall.url}/api/halls/h1/matters`);
    expect(matters.headers.get('access-control-allow-origin')).toBe('*');
    const appts = await fetch(`${hall.url}/api/halls/h1/appointments?day=2026-11-23`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(appts.headers.get('access-control-allow-origin')).toBeNull();
    const rect = await fetch(`${hall.url}/api/halls/h1/rectifications?day=2026-11-23`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(rect.status).toBe(200);
    expect(rect.headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await fetch(`${hall.url}/api/halls/h1/matters/m-tax`)).headers.get('access-control-allow-origin'),
    ).toBe('*');
  });
});
