import { sampleCard } from '@onewindow/hw-sim';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openScreen, screenshot, testId, useDemoHall } from './browser.js';

// No window is open in this hall: residents must hear that before they take a number.
const hall = useDemoHall('kiosk-guidance');

async function openKiosk(): Promise<Page> {
  const { page } = await openScreen(hall, '/kiosk/', 'demo-kiosk-2', { width: 1080, height: 1920 });
  await page.waitForSelector(testId('home-take'));
  await page.waitForSelector(testId('paused'), { state: 'detached' });
  return page;
}
const fontPx = (page: Page, selector: string) =>
  page.$eval(selector, (e) => Number.parseFloat(getComputedStyle(e).fontSize));
const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  if (b === null) throw new Error(`${selector} is not visible`);
  return b;
};

describe('elder mode (长辈模式) and English on the kiosk', () => {
  it('enlarges every text, keeps all categories and the back/home bar on screen, and scrolls long guides', async () => {
    const page = await openKiosk();
    await page.click(testId('home-guides'));
    await page.click(testId('category-social'));
    await page.click(testId('matter-sh-dibao'));
    await page.waitForSelector(`${testId('guide')} li`);
    const standard = {
      guide: await fontPx(page, `${testId('guide')} li`),
      back: await fontPx(page, testId('back')),
      idle: await fontPx(page, testId('idle-hint')),
    };
    await page.click(testId('elder'));
    const elder = {
      guide: await fontPx(page, `${testId('guide')} li`),
      back: await fontPx(page, testId('back')),
      idle: await fontPx(page, testId('idle-hint')),
    };
    for (const k of ['guide', 'back', 'idle'] as const)
      expect(elder[k] / standard[k], k).toBeCloseTo(1.35, 1);
    // The long guide scrolls inside the screen; back/home stay where a hand finds them.
    const footer = await box(page, '.kiosk-footer');
    expect(footer.y + footer.height).toBeLessThanOrEqual(1920);
    await page.locator(testId('guide-take')).scrollIntoViewIfNeeded();
    expect((await box(page, '.kiosk-footer')).y).toBe(footer.y);
    await screenshot(page, 'kiosk-elder-guide');

    await page.click(testId('home'));
    await page.click(testId('home-take'));
    for (const c of ['social', 'fund', 'general']) {
      const tile = await box(page, testId(`category-${c}`));
      expect(tile.y + tile.height, c).toBeLessThanOrEqual(footer.y);
    }
    expect(await fontPx(page, `${testId('category-fund')} .tile-title`)).toBeGreaterThan(55);
    await screenshot(page, 'kiosk-elder-categories-fit');
  });

  it('speaks English properly: one copy, a one-line language button, and says guides are in Chinese', async () => {
    const page = await openKiosk();
    await page.click(testId('locale'));
    const button = await box(page, testId('locale'));
    const elderButton = await box(page, testId('elder'));
    expect(button.height).toBeLessThanOrEqual(elderButton.height + 1);
    expect(await page.textContent(testId('locale'))).toBe('中文');
    await page.click(testId('home-guides'));
    await page.click(testId('category-social'));
    await page.click(testId('matter-sh-dibao'));
    await page.waitForSelector(testId('guide-language'));
    const guide = (await page.textContent(testId('guide'))) ?? '';
    expect(guide).toContain('1 copy');
    expect(guide).not.toContain('1 copies');
    expect(guide).toContain('Chinese only');
    await screenshot(page, 'kiosk-english-guide');
  });
});

describe('no dead ends for residents', () => {
  it('asks before issuing a number no open window serves, and issues it when the resident wants it', async () => {
    const page = await openKiosk();
    await page.click(testId('home-take'));
    await page.click(testId('category-tax'));
    await page.click(testId('matter-sw-fapiao'));
    await page.waitForSelector(testId('no-window'));
    expect((await page.textContent(testId('no-window'))) ?? '').toContain('目前没有窗口办理此事项');
    await screenshot(page, 'kiosk-no-window');
    await page.click(testId('no-window-back'));
    await page.waitForSelector(testId('matter-sw-fapiao'));
    await page.click(testId('matter-sw-fapiao'));
    await page.click(testId('take-anyway'));
    await page.waitForSelector(testId('ticket-number'));
  });

  it('finds a matter by its code typed on the on-screen keyboard (letters, digits and the dash)', async () => {
    const page = await openKiosk();
    await page.click(testId('home-take'));
    await page.click(testId('search-open'));
    for (const k of ['S', 'H', '-', '0', '0', '1']) await page.click(testId(`key-${k}`));
    expect(await page.inputValue(testId('search-input'))).toBe('sh-001');
    await page.waitForSelector(testId('matter-sh-dibao'));
    await screenshot(page, 'kiosk-search-code');
  });

  it('offers a way on when no appointment is found', async () => {
    const page = await openKiosk();
    await page.click(testId('home-checkin'));
    for (const d of '99999999') await page.click(testId(`digit-${d}`));
    await page.click(testId('digit-✓'));
    await page.waitForSelector(`${testId('notice')}[data-kind="noAppointment"]`);
    await screenshot(page, 'kiosk-no-appointment');
    await page.click(testId('offer-choose'));
    await page.waitForSelector(testId('category-social'));
  });

  it('after a card read reminds the resident to take the card back; an expired card gets a large way on', async () => {
    const page = await openKiosk();
    const k = hall.demo.kiosks.get('kiosk-2');
    if (k === undefined) throw new Error('no kiosk-2 devices');
    await page.click(testId('home-card'));
    k.reader.place(sampleCard('hkMacaoTaiwan'));
    await page.waitForSelector(testId('card-problem'));
    expect(await page.textContent(testId('card-reminder'))).toBe('请取回您的身份证');
    const offer = await box(page, testId('card-take-normal'));
    expect(offer.width).toBeGreaterThan(900);
    expect(offer.height).toBeGreaterThan(80);
    await screenshot(page, 'kiosk-card-expired');
    k.reader.remove();
    await page.click(testId('card-take-normal'));
    await page.waitForSelector(testId('category-social'));
  });
});
