import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCommands, openScreen, screenshot, testId, until, useDemoHall, watchErrors } from './browser.js';

const hall = useDemoHall('reports-e2e');
const HALL = 'qingshan';
const { device, run } = demoCommands(hall, HALL, 'e2e-reports');

/** Today's hall so far: visits served at w01 and rated (one badly), and a 办不成事 case with a phone. */
async function seedToday(): Promise<{ doneTicket: string; issued: number }> {
  const kiosk = device('kiosk', 'demo-kiosk-1', null);
  const w01 = device('window', 'demo-window-w01', 'w01');
  const pad = device('pad', 'demo-pad-w01', 'w01');
  await run(w01, 'window:open', { windowId: 'w01', staffId: 's-wang', pin: '1234' }).catch(() => undefined);
  let doneTicket = '';
  for (const [i, matterId] of ['bdc-zy', 'bdc-dy', 'bdc-zy', 'bdc-dy', 'bdc-zy', 'bdc-zy'].entries()) {
    const { ticket } = await run<{ ticket: { id: string } }>(kiosk, 'ticket:issue', { matterId });
    await run(w01, 'ticket:call', { windowId: 'w01', ticketId: ticket.id });
    await run(w01, 'ticket:start', { windowId: 'w01', ticketId: ticket.id });
    await run(w01, 'ticket:finish', { windowId: 'w01', ticketId: ticket.id });
    if (i < 4) await run(pad, 'evaluation:submit', { ticketId: ticket.id, level: i === 0 ? 1 : 5 });
    else doneTicket = ticket.id;
  }
  await run(w01, 'unresolved:record', {
    windowId: 'w01',
    request: '外省社保关系转入',
    reason: '系统暂不支持',
    contactName: '赵六一',
    contactPhone: '13912345678',
  });
  // A surge on 不动产: many waiting and no window serving them but w01.
  for (let i = 0; i < 24; i++)
    await run(kiosk, 'ticket:issue', { matterId: i % 2 === 0 ? 'bdc-zy' : 'bdc-dy' });
  return { doneTicket, issued: 30 };
}

async function signIn(page: Page) {
  await page.goto(`${hall.demo.url}/admin/`);
  await page.fill(testId('login-username'), 'admin');
  await page.fill(testId('login-password'), 'onewindow-demo');
  await page.click(testId('login-submit'));
  await page.waitForSelector(testId('nav-stats'));
}

describe('the console runs the hall from its figures: statistics, the case loops and live staffing', () => {
  it('statistics with charts and sortable tables, the printable month, 差评整改 and 办不成事 to closed, 动态调整 applied, the clerk’s own month, the phone’s rating', async () => {
    const seeded = await seedToday();
    const page = await hall.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    await signIn(page);

    // 统计分析: today, this hall.
    await page.click(testId('nav-stats'));
    await page.selectOption(testId('period-kind'), 'day');
    await page.waitForSelector(testId('kpi-issued'));
    // The page shows what the server counted from its events (the demo hall may have had more today).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const api = await page.evaluate(
      async (day) =>
        (
          (await (await fetch(`/api/admin/halls/qingshan/stats?from=${day}&to=${day}`)).json()) as {
            data: { tickets: { issued: number; served: number } };
          }
        ).data.tickets,
      today,
    );
    expect(api.issued).toBeGreaterThanOrEqual(seeded.issued);
    expect(api.served).toBeGreaterThanOrEqual(6);
    await until(async () => (await page.textContent(`${testId('kpi-issued')} b`)) === String(api.issued));
    expect(await page.textContent(`${testId('kpi-served')} b`)).toBe(String(api.served));
    for (const chart of ['chart-hour', 'chart-matter', 'chart-windows', 'chart-trend'])
      await page.waitForSelector(`${testId(chart)} svg`);
    const rows = () =>
      page.$$eval(`${testId('table-byMatter')} tbody tr td:first-child`, (l) => l.map((e) => e.textContent));
    await page.click(testId('table-byMatter-sort-issued'));
    const sorted = await page.$$eval(`${testId('table-byMatter')} tbody tr td:nth-child(2)`, (l) =>
      l.map((e) => Number(e.textContent)),
    );
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect((await rows()).length).toBeGreaterThanOrEqual(2);
    const xlsx = await page.request.get(
      `${hall.demo.url}${await page.getAttribute(testId('export-xlsx'), 'href')}`,
    );
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(page, 'console-statistics');

    // 月度报表, as printed.
    await page.click(testId('nav-report'));
    await page.waitForSelector(`${testId('report-chart-hour')} svg`);
    expect(await page.textContent(testId('report-title'))).toContain('月度运行报告');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.ac-nav')).toBe(false);
    await screenshot(page, 'console-monthly-report-print');
    await page.emulateMedia({ media: 'screen' });

    // 差评整改: assign to oneself → rectify → 回访 satisfied → closed.
    await page.click(testId('nav-rectifications'));
    await page.waitForSelector(testId('rectification'));
    const tn =
      (
        await page.getAttribute(`${testId('rectification')} [data-testid$="-assignee"]`, 'data-testid')
      )?.replace(/-assignee$/, '') ?? '';
    const me = await page.evaluate(
      async () =>
        ((await (await fetch('/api/admin/me')).json()) as { data: { person: { id: string } } }).data.person
          .id,
    );
    await page.selectOption(testId(`${tn}-assignee`), me);
    await page.click(testId(`${tn}-assign`));
    await page.waitForSelector(testId(`${tn}-cause`));
    await page.fill(testId(`${tn}-cause`), '解释不清');
    await page.fill(testId(`${tn}-measures`), '窗口人员培训并当面致歉');
    await page.click(testId(`${tn}-rectify`));
    await page.waitForSelector(testId(`${tn}-answer`));
    await page.fill(testId(`${tn}-answer`), '回访群众表示满意');
    await screenshot(page, 'console-rectification-return-visit');
    await page.click(testId(`${tn}-satisfied`));
    await page.waitForSelector(testId('rectification'), { state: 'detached' });
    await page.click(testId('case-filter-closed'));
    await page.waitForSelector(`${testId('rectification')}[data-status="closed"]`);

    // 办不成事: assign to oneself, see the phone whole, record, notify, close.
    await page.click(testId('nav-unresolved'));
    await page.waitForSelector(testId('unresolved-case'));
    expect(await page.textContent(testId('unresolved-contact'))).toContain('*******5678');
    const options = await page.$$eval(`${testId('unresolved-assignee')} option`, (l) =>
      l.map((o) => o.getAttribute('value')),
    );
    expect(options).toContain(me);
    await page.selectOption(testId('unresolved-assignee'), me);
    await page.click(testId('unresolved-assign'));
    await page.click(testId('unresolved-reveal'));
    await until(
      async () => (await page.textContent(testId('unresolved-contact')))?.includes('13912345678') === true,
    );
    await page.fill(testId('unresolved-text'), '已联系市社保局开通转入');
    await page.click(testId('unresolved-step'));
    await page.fill(testId('unresolved-text'), '您的社保转入已可办理，请携带身份证到1号窗口。');
    await page.click(testId('unresolved-notify'));
    await page.waitForSelector(testId('unresolved-notified'));
    await screenshot(page, 'console-unresolved-follow-up');
    await page.fill(testId('unresolved-text'), '已办结');
    await page.click(testId('unresolved-close'));
    await page.waitForSelector(testId('unresolved-case'), { state: 'detached' });

    // 动态调整: the 不动产 surge is short of windows; one click opens one.
    await page.click(testId('nav-staffing'));
    await page.waitForSelector(`${testId('staffing-group')}[data-short="true"]`);
    await page.waitForSelector(testId('staffing-proposal'));
    const first = await page.getAttribute(`${testId('staffing-proposal')} button`, 'data-testid');
    await screenshot(page, 'console-staffing-advice');
    await page.click(testId(first ?? ''));
    await page.waitForSelector(`${testId('message')}.info`);
    const audit = await page.evaluate(
      async () =>
        (await (await fetch('/api/admin/audit?hallId=qingshan')).json()) as { data: { action: string }[] },
    );
    expect(audit.data.map((a) => a.action)).toContain('staffing.apply');
    await page.click(testId('staffing-whatif'));
    await page.waitForSelector(testId('staffing-whatif-result'), { timeout: 60_000 });
    await screenshot(page, 'console-staffing-whatif');
    expect(errors).toEqual([]);

    // The clerk's own month in the window client.
    // 王丽 is still signed in at w01 (she served today's visits): her workbench shows her month.
    const clerk = (await openScreen(hall, '/window/', 'demo-window-w01', { width: 1440, height: 900 })).page;
    await clerk.waitForSelector(testId('call-next'));
    await clerk.click(`${testId('my-month')} summary`);
    await clerk.waitForSelector(testId('month-served'));
    expect(Number(await clerk.textContent(testId('month-served')))).toBeGreaterThanOrEqual(6);
    await screenshot(clerk, 'window-my-month');

    // The phone page of a finished visit rates it (channel mobile).
    const phone = await hall.browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${hall.demo.url}/t/${seeded.doneTicket}`);
    await phone.click('form.rate button[value="4"]');
    await phone.waitForSelector('[data-rated="1"]');
    await screenshot(phone, 'phone-rated');
  }, 180_000);
});
