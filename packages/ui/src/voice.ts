import type { SpeechEngine, Utterance } from './speech.js';

/** The clips a hall call is made of; the build synthesises each with espeak-ng (or takes a recording). */
export const CLIP_TEXT: Record<string, string> = {
  qing: '请',
  hao: '号',
  dao: '到',
  chuangkou: '号窗口',
  banli: '办理',
  shi: '十',
  bai: '百',
  ...Object.fromEntries('零一二三四五六七八九'.split('').map((c, i) => [`d${i}`, c])),
  ...Object.fromEntries('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => [`l${c}`, c])),
};

/** A window number as said aloud: 3 → 三, 12 → 十二, 20 → 二十, 105 → 一百零五. */
export function cardinalClips(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999)
    return String(n)
      .split('')
      .map((d) => `d${d}`);
  if (n < 10) return [`d${n}`];
  if (n < 20) return ['shi', ...(n % 10 === 0 ? [] : [`d${n % 10}`])];
  if (n < 100) return [`d${Math.floor(n / 10)}`, 'shi', ...(n % 10 === 0 ? [] : [`d${n % 10}`])];
  const rest = n % 100;
  const tail =
    rest === 0
      ? []
      : rest < 10
        ? ['d0', `d${rest}`]
        : [`d${Math.floor(rest / 10)}`, 'shi', ...(rest % 10 ? [`d${rest % 10}`] : [])];
  return [`d${Math.floor(n / 100)}`, 'bai', ...tail];
}

/** A ticket number as said aloud: letters by name, digits one by one (A012 → A 零 一 二). */
export function ticketClips(number: string): string[] {
  return number
    .toUpperCase()
    .split('')
    .flatMap((c) => (/[A-Z]/.test(c) ? [`l${c}`] : /\d/.test(c) ? [`d${c}`] : []));
}

/** 请 A012 号 到 3 号窗口 办理 — said twice, as text for a voice and as clips for the sound pack. */
export function callAnnouncement(ticketNumber: string, windowNumber: string): Utterance {
  const w = Number(windowNumber);
  return {
    text: `请 ${ticketNumber} 号 到 ${windowNumber} 号窗口 办理`,
    repeat: 2,
    clips: [
      'qing',
      ...ticketClips(ticketNumber),
      'hao',
      'dao',
      ...(Number.isInteger(w) ? cardinalClips(w) : ticketClips(windowNumber)),
      'chuangkou',
      'banli',
    ],
  };
}

/** The sound pack's manifest: clip key → file, relative to the manifest. */
export interface VoiceManifest {
  clips: Record<string, string>;
  source: Record<string, 'espeak-ng' | 'recorded'>;
}

/**
 * Plays an utterance's clips one after another with Web Audio. When audio cannot start (no device,
 * autoplay refused) it waits as long as the clips last, so the queue keeps real-world pacing.
 */
export function clipEngine(base: string, manifest: VoiceManifest): SpeechEngine {
  let ctx: AudioContext | undefined;
  let blocked = false;
  const buffers = new Map<string, Promise<AudioBuffer | undefined>>();
  const load = (key: string): Promise<AudioBuffer | undefined> => {
    let p = buffers.get(key);
    if (p === undefined) {
      const file = manifest.clips[key];
      ctx ??= new AudioContext();
      const audio = ctx;
      p =
        file === undefined
          ? Promise.resolve(undefined)
          : fetch(`${base}${file}`)
              .then((r) => r.arrayBuffer())
              .then((b) => audio.decodeAudioData(b))
              .catch(() => undefined);
      buffers.set(key, p);
    }
    return p;
  };
  return {
    name: 'clips',
    get blocked() {
      return blocked;
    },
    async unlock() {
      ctx ??= new AudioContext();
      await ctx.resume().catch(() => {});
      blocked = ctx.state !== 'running';
    },
    async say(u) {
      const clips = (await Promise.all((u.clips ?? []).map(load))).filter(
        (b): b is AudioBuffer => b !== undefined,
      );
      const seconds = clips.reduce((s, b) => s + b.duration, 0) + 0.4;
      const audio = ctx;
      if (audio === undefined || clips.length === 0) return;
      const running = await Promise.race([
        audio.resume().then(() => audio.state === 'running'),
        new Promise<boolean>((r) => setTimeout(() => r(false), 300)),
      ]);
      blocked = !running;
      if (!running) {
        await new Promise((r) => setTimeout(r, seconds * 1_000));
        return;
      }
      let at = audio.currentTime + 0.05;
      for (const b of clips) {
        const src = audio.createBufferSource();
        src.buffer = b;
        src.connect(audio.destination);
        src.start(at);
        at += b.duration;
      }
      await new Promise((r) => setTimeout(r, (at - audio.currentTime + 0.4) * 1_000));
    },
  };
}

/** Loads the sound pack next to the page; undefined when the build made none (no espeak-ng). */
export async function loadClipEngine(base: string): Promise<SpeechEngine | undefined> {
  try {
    const res = await fetch(`${base}manifest.json`);
    if (!res.ok) return undefined;
    const manifest = (await res.json()) as VoiceManifest;
    return Object.keys(manifest.clips).length === 0 ? undefined : clipEngine(base, manifest);
  } catch {
    return undefined;
  }
}
