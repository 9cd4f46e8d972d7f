import { existsSync, readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { PrintedDocument } from './printed.js';

/** Fonts with Chinese glyphs, from Debian's packages (fonts-droid-fallback is installed by .ci/run). */
const CJK_FONTS = [
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf',
];

/** Latin letters and digits: the CJK fallback font has none. */
const LATIN_FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'];

const fonts = new Map<string, opentype.Font>();
function load(candidates: readonly string[], pkg: string): opentype.Font {
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) throw new Error(`no font for ticket previews; install ${pkg} (${candidates[0]})`);
  let font = fonts.get(path);
  if (font === undefined) {
    const data = readFileSync(path);
    font = opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    fonts.set(path, font);
  }
  return font;
}

/** Each character in the first font that has it, as a printer's font ROM would. */
function layout(text: string, x: number, baseline: number, size: number): { path: Edge[]; width: number } {
  const cjk = load(CJK_FONTS, 'fonts-droid-fallback');
  const latin = load(LATIN_FONTS, 'fonts-dejavu-core');
  const path: Edge[] = [];
  let at = x;
  for (const ch of text) {
    const font = (ch.codePointAt(0) ?? 0) < 0x2e80 && latin.charToGlyphIndex(ch) > 0 ? latin : cjk;
    path.push(...edges(font.getPath(ch, at, baseline, size)));
    at += font.getAdvanceWidth(ch, size);
  }
  return { path, width: at - x };
}

/** 203 dpi thermal heads: 384 dots across 58 mm paper, 576 across 80 mm. */
const DOTS: Record<58 | 80, number> = { 58: 384, 80: 576 };
const MARGIN = 12;

type Edge = [number, number, number, number];

/** Flattens a glyph path into line segments. */
function edges(path: opentype.Path): Edge[] {
  const out: Edge[] = [];
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  const line = (nx: number, ny: number) => {
    out.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  for (const c of path.commands) {
    if (c.type === 'M') {
      x = sx = c.x;
      y = sy = c.y;
    } else if (c.type === 'L') line(c.x, c.y);
    else if (c.type === 'Q') {
      const [x0, y0] = [x, y];
      for (let t = 1; t <= 8; t++) {
        const u = t / 8;
        line(
          (1 - u) ** 2 * x0 + 2 * (1 - u) * u * c.x1 + u * u * c.x,
          (1 - u) ** 2 * y0 + 2 * (1 - u) * u * c.y1 + u * u * c.y,
        );
      }
    } else if (c.type === 'C') {
      const [x0, y0] = [x, y];
      for (let t = 1; t <= 10; t++) {
        const u = t / 10;
        const a = (1 - u) ** 3;
        const b = 3 * (1 - u) ** 2 * u;
        const d = 3 * (1 - u) * u * u;
        const e = u ** 3;
        line(a * x0 + b * c.x1 + d * c.x2 + e * c.x, a * y0 + b * c.y1 + d * c.y2 + e * c.y);
      }
    } else if (c.type === 'Z') line(sx, sy);
  }
  return out;
}

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = new Uint8Array(width * height).fill(255);
  }

  rect(x: number, y: number, w: number, h: number): void {
    for (let r = Math.max(0, y); r < Math.min(this.height, y + h); r++) {
      for (let c = Math.max(0, x); c < Math.min(this.width, x + w); c++) this.px[r * this.width + c] = 0;
    }
  }

  /** Non-zero winding scanline fill at pixel centres. */
  fill(segments: readonly Edge[]): void {
    if (segments.length === 0) return;
    let top = Number.POSITIVE_INFINITY;
    let bottom = Number.NEGATIVE_INFINITY;
    for (const [, y0, , y1] of segments) {
      top = Math.min(top, y0, y1);
      bottom = Math.max(bottom, y0, y1);
    }
    for (let row = Math.max(0, Math.floor(top)); row <= Math.min(this.height - 1, Math.ceil(bottom)); row++) {
      const yc = row + 0.5;
      const hits: [number, number][] = [];
      for (const [x0, y0, x1, y1] of segments) {
        if (y0 === y1 || yc < Math.min(y0, y1) || yc >= Math.max(y0, y1)) continue;
        hits.push([x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0), y1 > y0 ? 1 : -1]);
      }
      hits.sort((a, b) => a[0] - b[0]);
      let winding = 0;
      for (let k = 0; k < hits.length - 1; k++) {
        winding += hits[k]![1];
        if (winding === 0) continue;
        const from = Math.max(0, Math.round(hits[k]![0]));
        const to = Math.min(this.width, Math.round(hits[k + 1]![0]));
        for (let c = from; c < to; c++) this.px[row * this.width + c] = 0;
      }
    }
  }

  png(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    for (let i = 0; i < this.px.length; i++) {
      const v = this.px[i]!;
      png.data[i * 4] = v;
      png.data[i * 4 + 1] = v;
      png.data[i * 4 + 2] = v;
      png.data[i * 4 + 3] = 255;
    }
    return PNG.sync.write(png);
  }
}

/** Draws a decoded ticket as it would come out of the printer: text, QR code and the cut. */
export function renderPreview(doc: PrintedDocument, paper: 58 | 80): Buffer {
  const width = DOTS[paper];
  const fontSize = paper === 58 ? 22 : 26;
  const qrScale = paper === 58 ? 5 : 6;
  const codes = doc.items.map((it) =>
    it.kind === 'qr' ? QRCode.create(it.data, { errorCorrectionLevel: 'M' }) : undefined,
  );
  const heights = doc.items.map((it, i) =>
    it.kind === 'qr'
      ? ((codes[i]?.modules.size ?? 0) + 8) * qrScale
      : Math.round((it.large ? 2.2 : 1.35) * fontSize),
  );
  const height = MARGIN * 2 + heights.reduce((s, h) => s + h, 0) + 24;
  const canvas = new Canvas(width, height);
  let y = MARGIN;
  doc.items.forEach((it, i) => {
    const h = heights[i]!;
    if (it.kind === 'qr') {
      const m = codes[i]!.modules;
      const side = (m.size + 8) * qrScale;
      const x0 = Math.round((width - side) / 2) + 4 * qrScale;
      for (let r = 0; r < m.size; r++) {
        for (let c = 0; c < m.size; c++)
          if (m.get(r, c)) canvas.rect(x0 + c * qrScale, y + (r + 4) * qrScale, qrScale, qrScale);
      }
    } else if (it.text !== '') {
      const size = it.large ? fontSize * 2 : fontSize;
      const advance = layout(it.text, 0, 0, size).width;
      const x =
        it.align === 'center'
          ? (width - advance) / 2
          : it.align === 'right'
            ? width - MARGIN - advance
            : MARGIN;
      canvas.fill(layout(it.text, x, y + size * 0.9, size).path);
    }
    y += h;
  });
  // The cut: a dashed line across the paper.
  for (let x = 0; x < width; x += 12) canvas.rect(x, height - 12, 6, 2);
  return canvas.png();
}
