import { describe, expect, it } from 'vitest';
import {
  CLIP_TEXT,
  callAnnouncement,
  cardinalClips,
  Speaker,
  type SpeechEngine,
  takeDeviceToken,
  ticketClips,
} from '../src/index.js';

describe('hall call announcements', () => {
  it('says window numbers as numbers and ticket digits one by one', () => {
    expect(cardinalClips(3)).toEqual(['d3']);
    expect(cardinalClips(10)).toEqual(['shi']);
    expect(cardinalClips(12)).toEqual(['shi', 'd2']);
    expect(cardinalClips(20)).toEqual(['d2', 'shi']);
    expect(cardinalClips(47)).toEqual(['d4', 'shi', 'd7']);
    expect(cardinalClips(105)).toEqual(['d1', 'bai', 'd0', 'd5']);
    expect(cardinalClips(230)).toEqual(['d2', 'bai', 'd3', 'shi']);
    expect(ticketClips('A012')).toEqual(['lA', 'd0', 'd1', 'd2']);
    expect(ticketClips('GJ100')).toEqual(['lG', 'lJ', 'd1', 'd0', 'd0']);
  });

  it('builds 请 A012 号 到 3 号窗口 办理, said twice, from clips the pack has', () => {
    const u = callAnnouncement('A012', '3');
    expect(u.text).toBe('请 A012 号 到 3 号窗口 办理');
    expect(u.repeat).toBe(2);
    expect(u.clips).toEqual(['qing', 'lA', 'd0', 'd1', 'd2', 'hao', 'dao', 'd3', 'chuangkou', 'banli']);
    for (const c of callAnnouncement('GJ100', '17').clips ?? []) expect(CLIP_TEXT[c], c).toBeDefined();
  });
});

describe('Speaker', () => {
  it('says utterances one at a time, in order, each as often as asked, and skips none', async () => {
    const log: string[] = [];
    let active = 0;
    let overlapped = false;
    const engine: SpeechEngine = {
      name: 'test',
      async say(u) {
        active++;
        if (active > 1) overlapped = true;
        log.push(u.text);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      },
    };
    const speaker = new Speaker(engine);
    speaker.say(callAnnouncement('A001', '1'));
    speaker.say(callAnnouncement('A002', '2'));
    speaker.say('hello');
    expect(speaker.store.getState().queue.map((u) => u.text)).toEqual([
      '请 A002 号 到 2 号窗口 办理',
      'hello',
    ]);
    await new Promise((r) => setTimeout(r, 80));
    expect(overlapped).toBe(false);
    expect(log).toEqual([
      '请 A001 号 到 1 号窗口 办理',
      '请 A001 号 到 1 号窗口 办理',
      '请 A002 号 到 2 号窗口 办理',
      '请 A002 号 到 2 号窗口 办理',
      'hello',
    ]);
    expect(speaker.store.getState().spoken.map((u) => u.text)).toEqual([
      '请 A001 号 到 1 号窗口 办理',
      '请 A002 号 到 2 号窗口 办理',
      'hello',
    ]);
  });

  it('goes on after an engine failure', async () => {
    const speaker = new Speaker({
      name: 'broken',
      say: async (u) => {
        if (u.text === 'bad') throw new Error('no audio');
      },
    });
    speaker.say('bad');
    speaker.say('good');
    await new Promise((r) => setTimeout(r, 20));
    expect(speaker.store.getState().spoken.map((u) => u.text)).toEqual(['bad', 'good']);
  });
});

describe('takeDeviceToken', () => {
  it('keeps the token from the URL and takes it off the address bar', () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    const replaced: string[] = [];
    const history = {
      replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
    };
    const first = takeDeviceToken(
      'display',
      { search: '?token=abc&view=pad', pathname: '/display/' },
      storage,
      history,
    );
    expect(first.token).toBe('abc');
    expect(first.params.get('view')).toBe('pad');
    expect(replaced).toEqual(['/display/?view=pad']);
    const again = takeDeviceToken(
      'display',
      { search: '?view=pad', pathname: '/display/' },
      storage,
      history,
    );
    expect(again.token).toBe('abc');
    expect(takeDeviceToken('window', { search: '', pathname: '/window/' }, storage, history).token).toBe('');
  });
});
