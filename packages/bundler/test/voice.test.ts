import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateVoicePack, trimWav } from '../src/voice.js';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-voice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A mono 16-bit WAV: `silence` quiet samples, `loud` loud ones, `silence` quiet again. */
function wav(silence: number, loud: number, rate = 1_000): Buffer {
  const samples = silence * 2 + loud;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < loud; i++) b.writeInt16LE(i % 2 === 0 ? 8_000 : -8_000, 44 + (silence + i) * 2);
  return b;
}

describe('trimWav', () => {
  it('cuts leading and trailing silence but keeps a short pad and a valid header', () => {
    const trimmed = trimWav(wav(500, 100), 600, 40);
    // 100 loud samples + 40 ms (40 samples at 1 kHz) on each side.
    const dataBytes = trimmed.readUInt32LE(40);
    expect(dataBytes).toBe((100 + 80) * 2);
    expect(trimmed.length).toBe(44 + dataBytes);
    expect(trimmed.readUInt32LE(4)).toBe(trimmed.length - 8);
  });

  it('leaves what it cannot read alone', () => {
    const junk = Buffer.from('not a wav at all, really not');
    expect(trimWav(junk)).toBe(junk);
    const silent = wav(100, 0);
    expect(trimWav(silent)).toBe(silent);
  });
});

describe('generateVoicePack', () => {
  it('synthesises Mandarin clips with espeak-ng (WebAssembly), lets recordings win, and writes the manifest', async () => {
    const recorded = join(dir, 'recorded');
    mkdirSync(recorded, { recursive: true });
    writeFileSync(join(recorded, 'qing.wav'), wav(0, 10));
    const out = join(dir, 'pack');
    const result = await generateVoicePack({ qing: '请', hao: '号' }, out, recorded);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      clips: Record<string, string>;
      source: Record<string, string>;
    };
    expect(result).toMatchObject({ recorded: 1, generated: 1, missing: [] });
    expect(manifest.source.qing).toBe('recorded');
    expect(manifest.source.hao).toBe('espeak-ng');
    const clip = readFileSync(join(out, manifest.clips.hao ?? ''));
    expect(clip.toString('ascii', 0, 4)).toBe('RIFF');
    // About a fifth of a second of speech at 22 kHz, trimmed of silence.
    expect(clip.readUInt32LE(40)).toBeGreaterThan(4_000);
    expect(clip.length).toBeLessThan(60_000);
  });

  it('keeps clips made from the same text and remakes changed or missing ones', async () => {
    const out = join(dir, 'cached');
    const said: string[] = [];
    const synth = async (text: string) => {
      said.push(text);
      return wav(10, 100);
    };
    await generateVoicePack({ a: '一', b: '二' }, out, join(dir, 'none'), synth);
    const again = await generateVoicePack({ a: '一', b: '两' }, out, join(dir, 'none'), synth);
    expect(said).toEqual(['一', '二', '两']);
    expect(again).toMatchObject({ generated: 1, reused: 1, missing: [] });
    rmSync(join(out, 'a.wav'));
    await generateVoicePack({ a: '一', b: '两' }, out, join(dir, 'none'), synth);
    expect(said).toEqual(['一', '二', '两', '一']);
  });

  it('reports a clip it cannot make as missing and leaves it out of the manifest', async () => {
    const out = join(dir, 'failing');
    const result = await generateVoicePack({ a: '一' }, out, join(dir, 'none'), async () => {
      throw new Error('no voice');
    });
    expect(result.missing).toEqual(['a']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { clips: object };
    expect(manifest.clips).toEqual({});
  });
});
