import { spawnSync } from 'node:child_process';
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
  it('synthesises clips with espeak-ng, lets recordings win, and writes the manifest', () => {
    const recorded = join(dir, 'recorded');
    mkdirSync(recorded, { recursive: true });
    writeFileSync(join(recorded, 'qing.wav'), wav(0, 10));
    const out = join(dir, 'pack');
    const result = generateVoicePack({ qing: '请', hao: '号' }, out, recorded);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      clips: Record<string, string>;
      source: Record<string, string>;
    };
    expect(result.recorded).toBe(1);
    expect(manifest.source.qing).toBe('recorded');
    const espeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).status === 0;
    expect(espeak).toBe(true); // .ci/run installs it; the display's sound pack depends on it
    expect(manifest.source.hao).toBe('espeak-ng');
    const clip = readFileSync(join(out, manifest.clips.hao ?? ''));
    expect(clip.toString('ascii', 0, 4)).toBe('RIFF');
    expect(clip.readUInt32LE(40)).toBeGreaterThan(1_000);
  });
});
