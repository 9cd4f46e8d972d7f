import { createStore, type StoreApi } from 'zustand/vanilla';

/** Something that can say one text and resolves when it has finished saying it. */
export interface SpeechEngine {
  readonly name: string;
  say(text: string): Promise<void>;
}

export interface SpeechState {
  /** Texts waiting their turn, in order. */
  queue: string[];
  /** What is being said now. */
  current: string | null;
  /** Everything said (or attempted) since start, oldest first; kept short. */
  spoken: string[];
  engine: string;
}

const HISTORY = 50;

/**
 * A queue in front of a speech engine: texts are said one after another, never overlapping, and none
 * is dropped. The state is a vanilla store so screens (and tests) can show what is said.
 */
export class Speaker {
  readonly store: StoreApi<SpeechState>;
  private running = false;

  constructor(private engine: SpeechEngine) {
    this.store = createStore<SpeechState>(() => ({
      queue: [],
      current: null,
      spoken: [],
      engine: engine.name,
    }));
  }

  use(engine: SpeechEngine): void {
    this.engine = engine;
    this.store.setState({ engine: engine.name });
  }

  say(text: string): void {
    this.store.setState((s) => ({ queue: [...s.queue, text] }));
    void this.run();
  }

  /** Drops what has not been said yet (a kiosk leaving a screen); the current text finishes. */
  clear(): void {
    this.store.setState({ queue: [] });
  }

  /** Resolves when everything queued has been said. */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const [next, ...rest] = this.store.getState().queue;
        if (next === undefined) break;
        this.store.setState({ queue: rest, current: next });
        try {
          await this.engine.say(next);
        } catch {
          // A failed utterance must not stall the ones behind it.
        }
        this.store.setState((s) => ({ current: null, spoken: [...s.spoken, next].slice(-HISTORY) }));
      }
    } finally {
      this.running = false;
    }
  }
}

/** Says nothing but takes a moment per character, so queues behave as with a voice (tests, no voice). */
export const silentEngine = (msPerChar = 0): SpeechEngine => ({
  name: 'silent',
  say: (text) => new Promise((r) => setTimeout(r, msPerChar * text.length)),
});

/** The browser's speech synthesis with a Chinese voice; undefined when there is none. */
export function webSpeechEngine(lang = 'zh-CN'): SpeechEngine | undefined {
  const synth = typeof globalThis.speechSynthesis === 'undefined' ? undefined : globalThis.speechSynthesis;
  if (synth === undefined) return undefined;
  const voice = synth
    .getVoices()
    .find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(lang.slice(0, 2).toLowerCase()));
  if (voice === undefined) return undefined;
  return {
    name: `webSpeech:${voice.name}`,
    say: (text) =>
      new Promise<void>((resolve) => {
        const u = new SpeechSynthesisUtterance(text);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9;
        u.onend = () => resolve();
        u.onerror = () => resolve();
        synth.speak(u);
      }),
  };
}
