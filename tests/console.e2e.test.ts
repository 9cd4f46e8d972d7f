import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, testId, until, watchErrors } from './browser.js';
import { buildOnce, type ServerProcess, startServerProcess, waitForExit } from './support.js';

let dir = '';
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'onewindow-console-'));
  // The production command on an empty data folder (hours not enforced so the test runs at any hour).
  server = await startServerProcess(['--data', dir, '--ignore-hours']);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  if (server !== undefined) await waitForExit(server.child);
  rmSync(dir, { recursive: true, force: true });
});

const text = async (page: Page, id: string) => (await page.textContent(testId(id))) ?? '';

async function pairScreen(
  path: string,
  code: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector(`${testId('pairing')}[data-reason="new"]`);
  await page.fill(testId('pairing-code'), code);
  await page.click(testId('pairing-submit'));
  return page;
}

async function enroll(
  admin: Page,
  id: string,
  name: string,
  role: string,
  windowId?: string,
): Promise<string> {
  await admin.click(testId('nav-devices'));
  await admin.fill(testId('enroll-id'), id);
  await admin.fill(testId('enroll-name'), name);
  await admin.selectOption(testId('enroll-role'), role);
  if (windowId !== undefined) await admin.selectOption(testId('enroll-window'), windowId);
  await admin.click(testId('enroll-submit'));
  await admin.waitForSelector(testId('pairing-code-shown'));
  return text(admin, 'pairing-code-shown');
}

describe('a hall run without editing files: the production command and the console', () => {
  it('first administrator → matters → devices paired → a clerk calls → skills changed today → a kiosk revoked, all in the audit log', async () => {
    const setup = /\/admin\/\?setup=([\w-]+)/.exec(server.output())?.[1];
    expect(setup).toBeDefined();
    const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const adminErrors = watchErrors(admin);
    await admin.goto(`${server.url}/admin/?setup=${setup}`);
    await admin.waitForSelector(testId('setup'));
    await screenshot(admin, 'console-setup');
    await admin.fill(testId('setup-username'), 'zhou');
    await admin.fill(testId('setup-name'), '周主任');
    await admin.fill(testId('setup-password'), 'correct horse battery');
    await admin.fill(testId('setup-hall-id'), 'qingshan');
    await admin.fill(testId('setup-hall-name'), '青山县政务服务中心');
    await admin.click(testId('setup-submit'));
    await admin.waitForSelector(testId('board'));
    expect(await text(admin, 'person')).toContain('周主任');

    // A kiosk is enrolled and paired before there is anything to offer.
    const kioskCode = await enroll(admin, 'kiosk-1', '大厅自助机', 'kiosk');
    await screenshot(admin, 'console-devices-pairing');
    const kiosk = await pairScreen('/kiosk/', kioskCode, { width: 1080, height: 1920 });
    await kiosk.waitForSelector(testId('home-take'));
    await kiosk.waitForSelector(testId('paused'), { state: 'detached' });

    // Areas and matters, with a guide; the kiosk shows them at once.
    await admin.click(testId('nav-matters'));
    for (const [id, name] of [
      ['social', '社会事务'],
      ['tax', '税务'],
    ]) {
      await admin.click(testId('add-category'));
      await admin.fill(testId('category-id'), id ?? '');
      await admin.fill(testId('category-name'), name ?? '');
      await admin.click(testId('category-save'));
      await admin.waitForSelector(testId(`category-${id}`));
    }
    await addMatter(admin, {
      id: 'dibao',
      code: 'SH-001',
      name: '最低生活保障申请',
      category: 'social',
      prefix: 'Z',
    });
    await addMatter(admin, { id: 'fapiao', code: 'SW-001', name: '发票领用', category: 'tax', prefix: 'F' });
    await screenshot(admin, 'console-matters');
    // A code used twice: the field says so and nothing is saved.
    await admin.click(testId('add-matter'));
    await admin.fill(testId('matter-id'), 'dup');
    await admin.fill(testId('matter-code'), 'SH-001');
    await admin.fill(testId('matter-name'), '重复');
    await admin.fill(testId('matter-department'), '县民政局');
    await admin.click(testId('matter-save'));
    await admin.waitForSelector(`${testId('matter-form')} ${testId('field-error')}`);
    expect(await admin.textContent(`${testId('matter-form')} ${testId('field-error')}`)).toContain('SH-001');
    await admin
      .locator(`${testId('matter-form')} ${testId('field-error')}`)
      .first()
      .scrollIntoViewIfNeeded();
    await screenshot(admin, 'console-matter-error');
    await admin.click(testId('matter-cancel'));
    expect(await admin.isVisible(testId('matter-dup'))).toBe(false);
    await kiosk.click(testId('home-take'));
    await kiosk.waitForSelector(testId('category-social'));
    await kiosk.click(testId('category-social'));
    await kiosk.click(testId('guide-dibao'));
    await kiosk.waitForSelector(`${testId('guide')}:has-text("户口簿")`);
    await kiosk.click(testId('home'));

    // A window, a clerk with a PIN, and the window's client paired.
    await admin.click(testId('nav-windows'));
    await admin.click(testId('add-window'));
    await admin.fill(testId('window-id'), 'w1');
    await admin.fill(testId('window-number'), '1');
    await admin.fill(testId('window-name'), '综合窗口');
    await admin.uncheck(testId('window-primary-all'));
    await admin.check(testId('window-primary-cat-social'));
    // Planned hours that run backwards are refused at their field, and nothing is saved.
    await admin.fill(testId('window-hours'), '12:00-08:30');
    await admin.click(testId('window-save'));
    await admin.waitForSelector(`${testId('window-form')} ${testId('field-error')}`);
    expect(await admin.isVisible(testId('window-form'))).toBe(true);
    // 错峰午休: the estimates count on the window's lunch break.
    await admin.fill(testId('window-hours'), '08:30-12:00， 13:30-17:30');
    await admin.click(testId('window-save'));
    await admin.waitForSelector(testId('window-w1'));
    // The list shows the window's own hours, the form shows them again as the manager wrote them.
    expect(await admin.textContent(testId('window-w1-hours'))).toBe('08:30-12:00, 13:30-17:30');
    await admin.click(testId('edit-window-w1'));
    expect(await admin.inputValue(testId('window-hours'))).toBe('08:30-12:00, 13:30-17:30');
    await admin.click(testId('window-cancel'));
    await admin.waitForSelector(testId('window-w1'));
    await screenshot(admin, 'console-windows');
    await admin.click(testId('nav-staff'));
    await admin.click(testId('add-staff'));
    await admin.fill(testId('staff-id'), 's-wang');
    await admin.fill(testId('staff-name'), '王丽');
    await admin.fill(testId('staff-no'), 'QS0001');
    await admin.check(testId('staff-windows-w1'));
    await admin.click(testId('staff-save'));
    await admin.click(testId('set-pin-s-wang'));
    await admin.fill(testId('pin-input'), '2580');
    await admin.click(testId('pin-save'));
    await admin.waitForSelector(`${testId('pin-state-s-wang')}:has-text("已设置")`);
    await screenshot(admin, 'console-staff');
    const windowCode = await enroll(admin, 'window-w1', '1 号窗口', 'window', 'w1');
    const clerk = await pairScreen('/window/', windowCode, { width: 1366, height: 768 });
    await clerk.waitForSelector(testId('login-staff'));
    await clerk.fill(testId('login-staff'), 's-wang');
    await clerk.fill(testId('login-pin'), '2580');
    await clerk.click(testId('login-submit'));
    await clerk.waitForSelector(testId('call-next'));

    const z = await takeOnKiosk(kiosk, 'social', 'dibao');
    await clerk.waitForSelector(testId(`queue-${z}`));
    await clerk.click(testId('call-next'));
    await clerk.waitForSelector(`${testId('current-number')}:has-text("${z}")`);
    await clerk.click(testId('finish'));

    // 动态调整: the window takes tax matters today; its next call-next is the tax ticket.
    const f = await takeOnKiosk(kiosk, 'tax', 'fapiao');
    await admin.click(testId('nav-board'));
    await admin.waitForSelector(testId('board-window-w1'));
    await admin.click(testId('skills-w1'));
    await admin.check(testId('today-primary-cat-tax'));
    await admin.click(testId('skills-save'));
    await admin.waitForSelector(`${testId('board-window-w1')}:has-text("今日已调整")`);
    await screenshot(admin, 'console-board');
    await clerk.waitForSelector(testId(`queue-${f}`));
    await clerk.click(testId('call-next'));
    await clerk.waitForSelector(`${testId('current-number')}:has-text("${f}")`);

    // Revoked, the kiosk is cut off at once and says why.
    await admin.click(testId('nav-devices'));
    admin.once('dialog', (d) => void d.accept());
    await admin.click(testId('revoke-kiosk-1'));
    await admin.waitForSelector(`${testId('device-state-kiosk-1')}:has-text("已停用")`);
    await kiosk.waitForSelector(`${testId('pairing')}[data-reason="revoked"]`, { timeout: 10_000 });
    expect(await text(kiosk, 'pairing')).toContain('已被管理员停用');
    await screenshot(kiosk, 'kiosk-revoked');

    await admin.click(testId('nav-audit'));
    await admin.waitForSelector(testId('audit-row'));
    const actions = await admin.$$eval(`${testId('audit-row')}`, (rows) =>
      rows.map((r) => r.getAttribute('data-action')),
    );
    for (const a of [
      'user.create',
      'hall.create',
      'device.enroll',
      'device.pair',
      'config.category.create',
      'config.matter.create',
      'config.window.create',
      'config.staff.create',
      'staff.pin',
      'window:setSkills',
      'device.revoke',
    ])
      expect(actions, a).toContain(a);
    await screenshot(admin, 'console-audit');

    // The remaining pages, for people to look at.
    await admin.click(testId('nav-hours'));
    await admin.fill(testId('hours-mon'), '08:30-12:00, 11:30-17:00');
    await admin.click(testId('hall-save'));
    await admin.waitForSelector(`${testId('hall-form')} ${testId('field-error')}`);
    expect(await admin.textContent(`${testId('hall-form')} ${testId('field-error')}`)).toContain('重叠');
    await screenshot(admin, 'console-hours');
    await admin.click(testId('nav-accounts'));
    await admin.waitForSelector(testId('user-zhou'));
    await screenshot(admin, 'console-accounts');
    await admin.click(testId('nav-backup'));
    await admin.click(testId('backup-now'));
    await admin.waitForSelector(`${testId('backups')} tr`);
    await admin.click(testId('yaml-export'));
    await until(async () => (await admin.inputValue(testId('yaml-text'))).includes('最低生活保障申请'));
    await screenshot(admin, 'console-backup');
    await admin.click(testId('locale'));
    await admin.click(testId('nav-matters'));
    await admin.waitForSelector('text=Matters');
    await screenshot(admin, 'console-matters-en');
    expect(adminErrors).toEqual([]);
  }, 180_000);
});

async function addMatter(
  admin: Page,
  m: { id: string; code: string; name: string; category: string; prefix: string },
) {
  await admin.click(testId('add-matter'));
  await admin.fill(testId('matter-id'), m.id);
  await admin.fill(testId('matter-code'), m.code);
  await admin.fill(testId('matter-name'), m.name);
  await admin.selectOption(testId('matter-category'), m.category);
  await admin.fill(testId('matter-department'), '县民政局');
  await admin.fill(testId('matter-prefix'), m.prefix);
  await admin.fill(testId('guide-conditions'), '本县户籍\n家庭收入低于当地标准');
  await admin.fill(testId('guide-steps'), '窗口受理\n审核\n审批');
  await admin.click(testId('guide-materials-add'));
  await admin.fill(testId('material-0-name'), '户口簿');
  await admin.fill(testId('material-0-copies'), '1');
  if (m.id === 'dibao') await screenshot(admin, 'console-matter-form');
  await admin.click(testId('matter-save'));
  await admin.waitForSelector(testId(`matter-${m.id}`));
}

async function takeOnKiosk(kiosk: Page, category: string, matter: string): Promise<string> {
  await kiosk.click(testId('home-take'));
  await kiosk.click(testId(`category-${category}`));
  await kiosk.click(testId(`matter-${matter}`));
  await kiosk.waitForSelector(`${testId('ticket')}, ${testId('no-window')}`);
  if (await kiosk.isVisible(testId('no-window'))) await kiosk.click(testId('take-anyway'));
  await kiosk.waitForSelector(testId('ticket-number'));
  const number = (await kiosk.textContent(testId('ticket-number'))) ?? '';
  await kiosk.click(testId('done'));
  return number;
}
