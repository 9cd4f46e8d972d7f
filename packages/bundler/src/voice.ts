/// <reference path="./espeak-ng.d.ts" />
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface VoicePackResult {
  generated: number;
  recorded: number;
  /** Synthesised by an earlier build from the same text and kept. */
  reused: number;
  missing: string[];
}

/**
 * Cuts the silence espeak-ng leaves around a clip, keeping a short pad, so concatenated clips sound
 * like one sentence. Handles the 16-bit PCM WAV that espeak-ng writes; anything else is left as is.
 */
export function trimWav(wav: Buffer, threshold = 600, padMs = 40): Buffer {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE')
    return wav;
  let offset = 12;
  let fmt: { channels: number; rate: number; bits: number } | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      fmt = {
        channels: wav.readUInt16LE(body + 2),
        rate: wav.readUInt32LE(body + 4),
        bits: wav.readUInt16LE(body + 14),
      };
    } else if (id === 'data' && fmt !== undefined && fmt.bits === 16) {
      const frame = 2 * fmt.channels;
      const end = Math.min(body + size, wav.length);
      const loud = (i: number) => Math.abs(wav.readInt16LE(i)) > threshold;
      let first = body;
      while (first < end && !loud(first)) first += 2;
      let last = end - 2;
      while (last > first && !loud(last)) last -= 2;
      if (first >= end) return wav;
      const pad = Math.round((fmt.rate * padMs) / 1_000) * frame;
      const from = Math.max(body, first - ((first - body) % frame) - pad);
      const to = Math.min(end, last + frame + pad);
      const data = wav.subarray(from, to);
      const header = Buffer.from(wav.subarray(0, body));
      header.writeUInt32LE(data.length, body - 4);
      header.writeUInt32LE(header.length - 8 + data.length, 4);
      return Buffer.concat([header, data]);
    }
    offset = body + size + (size % 2);
  }
  return wav;
}

/** Mandarin speech of `text` as a 16-bit WAV, from espeak-ng compiled to WebAssembly (npm `espeak-ng`). */
export async function synthesise(text: string): Promise<Buffer> {
  const { default: ESpeakNg } = await import('espeak-ng');
  const quiet = () => {};
  const espeak = await ESpeakNg({
    arguments: ['-v', 'cmn', '-s', '140', '-w', 'clip.wav', text],
    print: quiet,
    printErr: quiet,
  });
  return Buffer.from(espeak.FS.readFile('clip.wav'));
}

/** Says how a clip was made, so a rebuild synthesises only what changed. */
interface ManifestEntry {
  file: string;
  source: 'recorded' | 'espeak-ng';
  text: string;
}

function previousManifest(outDir: string): Map<string, ManifestEntry> {
  try {
    const m = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
      clips?: Record<string, string>;
      source?: Record<string, string>;
      text?: Record<string, string>;
    };
    return new Map(
      Object.entries(m.clips ?? {}).map(([key, file]) => [
        key,
        {
          file,
          source: m.source?.[key] === 'recorded' ? 'recorded' : 'espeak-ng',
          text: m.text?.[key] ?? '',
        },
      ]),
    );
  } catch {
    return new Map();
  }
}

/**
 * The sound pack of hall calls: one WAV per clip in `outDir` and a manifest.json. A recording in
 * `recordedDir/<key>.wav` wins over synthesis; the rest is synthesised with espeak-ng's Mandarin voice
 * (WebAssembly, so no system package is needed). A clip synthesised before from the same text is kept.
 */
export async function generateVoicePack(
  clips: Record<string, string>,
  outDir: string,
  recordedDir: string,
  synth: (text: string) => Promise<Buffer> = synthesise,
): Promise<VoicePackResult> {
  mkdirSync(outDir, { recursive: true });
  const before = previousManifest(outDir);
  const manifest: {
    clips: Record<string, string>;
    source: Record<string, string>;
    text: Record<string, string>;
  } = { clips: {}, source: {}, text: {} };
  const result: VoicePackResult = { generated: 0, recorded: 0, reused: 0, missing: [] };
  for (const [key, text] of Object.entries(clips)) {
    const file = `${key}.wav`;
    const target = join(outDir, file);
    const recorded = join(recordedDir, file);
    const old = before.get(key);
    if (existsSync(recorded)) {
      copyFileSync(recorded, target);
      manifest.source[key] = 'recorded';
      result.recorded++;
    } else if (old?.source === 'espeak-ng' && old.text === text && existsSync(target)) {
      manifest.source[key] = 'espeak-ng';
      result.reused++;
    } else {
      try {
        writeFileSync(target, trimWav(await synth(text)));
      } catch {
        result.missing.push(key);
        continue;
      }
      manifest.source[key] = 'espeak-ng';
      result.generated++;
    }
    manifest.clips[key] = file;
    manifest.text[key] = text;
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return result;
}
