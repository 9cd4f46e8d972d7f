import { createStore, type StoreApi } from 'zustand/vanilla';

/** One thing to say: its text, how often in a row, and optionally the clips that say it. */
export interface Utterance {
  text: string;
  /** Said this many times in a row (hall calls are said twice). Default 1. */
  repeat?: number;
  /** Keys of recorded or synthesised clips that together say the text. */
  clips?: readonly string[];
}

/** Something that can say one utterance once and resolves when it has finished. */
export interface SpeechEngine {
  readonly name: string;
  say(utterance: Utterance): Promise<void>;
  /** True while the browser keeps it from playing (autoplay before anyone touched the screen). */
  readonly blocked?: boolean;
  /** Tries to start playing; browsers allow it inside a touch or click. */
  unlock?(): Promise<void>;
}

/** An utterance in the queue, numbered in the order it was asked for. */
export type QueuedUtterance = Utterance & { id: number };

export interface SpeechState {
  /** Utterances waiting their turn, in order. */
  queue: QueuedUtterance[];
  /** What is being said now. */
  current: QueuedUtterance | null;
  /** Utterances said (or attempted) since start, oldest first; kept short. */
  spoken: QueuedUtterance[];
  engine: string;
  /** The engine could not play the last utterance because the browser blocks sound for now. */
  blocked: boolean;
}

const HISTORY = 100;

/**
 * A queue in front of a speech engine: utterances are said one after another, never overlapping, and
 * none is dropped. The state is a vanilla store so screens (and tests) can show what is said.
 */
export class Speaker {
  readonly store: StoreApi<SpeechState>;
  private running = false;
  private nextId = 1;

  constructor(private engine: SpeechEngine) {
    this.store = createStore<SpeechState>(() => ({
      queue: [],
      current: null,
      spoken: [],
      engine: engine.name,
      blocked: false,
    }));
  }

  use(engine: SpeechEngine): void {
    this.engine = engine;
    this.store.setState({ engine: engine.name, blocked: engine.blocked === true });
  }

  /** Lets sound play from now on (call it from a touch or click). */
  async unlock(): Promise<void> {
    await this.engine.unlock?.();
    this.store.setState({ blocked: this.engine.blocked === true });
  }

  say(what: string | Utterance): void {
    const u = { ...(typeof what === 'string' ? { text: what } : what), id: this.nextId++ };
    this.store.setState((s) => ({ queue: [...s.queue, u] }));
    void this.run();
  }

  /** Drops what has not been said yet (a kiosk leaving a screen); the current utterance finishes. */
  clear(): void {
    this.store.setState({ queue: [] });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const [next, ...rest] = this.store.getState().queue;
        if (next === undefined) break;
        this.store.setState({ queue: rest, current: next });
        for (let i = 0; i < (next.repeat ?? 1); i++) {
          try {
            await this.engine.say(next);
          } catch {
            // A failed utterance must not stall the ones behind it.
          }
        }
        this.store.setState((s) => ({
          current: null,
          spoken: [...s.spoken, next].slice(-HISTORY),
          blocked: this.engine.blocked === true,
        }));
      }
    } finally {
      this.running = false;
    }
  }
}

/** Says nothing but takes a moment per character, so queues behave as with a voice (tests, no voice). */
export const silentEngine = (msPerChar = 0): SpeechEngine => ({
  name: 'silent',
  say: (u) => new Promise((r) => setTimeout(r, msPerChar * u.text.length)),
});

/** The browser's speech synthesis with a Chinese voice; undefined when there is none. */
export function webSpeechEngine(lang = 'zh-CN'): SpeechEngine | undefined {
  const synth = typeof globalThis.speechSynthesis === 'undefined' ? undefined : globalThis.speechSynthesis;
  if (synth === undefined) return undefined;
  const prefix = lang.slice(0, 2).toLowerCase();
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(prefix));
  if (voice === undefined) return undefined;
  return {
    name: `webSpeech:${voice.name}`,
    say: (u) =>
      new Promise<void>((resolve) => {
        const utterance = new SpeechSynthesisUtterance(u.text);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = 0.9;
        utterance.onend = () => resolve();
        utterance.onerror = () => resolve();
        synth.speak(utterance);
      }),
  };
}
