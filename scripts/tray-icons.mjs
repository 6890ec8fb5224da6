// Draws the tray icons (idle, syncing, error, paused; for light and dark menu bars; 16 px and @2x 32 px) into
// resources/tray/. Pure Node: shapes are rasterised with 4×4 supersampling and written as PNG with zlib.
// Run `node scripts/tray-icons.mjs` after changing the drawing; a test checks the committed files match.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const TRAY_STATES = ['idle', 'syncing', 'error', 'paused'];
export const TRAY_VARIANTS = ['light', 'dark'];
export const TRAY_DIR = fileURLToPath(new URL('../resources/tray/', import.meta.url));

// Glyph colours: dark on light menu bars, light on dark ones; accents read on both.
const INK = { light: [34, 34, 34], dark: [238, 238, 238] };
const ACCENT = { syncing: [26, 115, 232], error: [217, 48, 37] };

/** Signed coverage tests in a 16×16 design box: each returns true when the point is inside the shape. */
const ring = (r, width) => (x, y) => Math.abs(Math.hypot(x - 8, y - 8) - r) <= width / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
/** The ring with two gaps (the "turning" arrows of syncing). */
const brokenRing = (r, width) => (x, y) => {
  const angle = (Math.atan2(y - 8, x - 8) * 180) / Math.PI;
  const inGap = (a) => Math.abs(((angle - a + 540) % 360) - 180) < 22;
  return ring(r, width)(x, y) && !inGap(-45) && !inGap(135);
};
/** A small arrowhead at a gap of the ring, pointing clockwise. */
const arrowHead = (cx, cy, dx, dy) => (x, y) => {
  // Triangle: tip at (cx + dx, cy + dy), base across the ring's width.
  const px = x - cx;
  const py = y - cy;
  const along = (px * dx + py * dy) / Math.hypot(dx, dy) ** 2;
  const across = Math.abs(px * -dy + py * dx) / Math.hypot(dx, dy);
  return along >= 0 && along <= 1 && across <= 2 * (1 - along);
};

/** The layers of a state's glyph, each a shape and its colour. */
function layers(state, variant) {
  const ink = INK[variant];
  switch (state) {
    case 'idle':
      return [
        [ring(6, 1.8), ink],
        [disc(8, 8, 2.4), ink],
      ];
    case 'syncing':
      return [
        [brokenRing(6, 1.8), ACCENT.syncing],
        [arrowHead(12.2, 3.8, -1.6, 1.6), ACCENT.syncing],
        [arrowHead(3.8, 12.2, 1.6, -1.6), ACCENT.syncing],
        [disc(8, 8, 1.8), ink],
      ];
    case 'error':
      return [
        [ring(6, 1.8), ACCENT.error],
        [rect(7.1, 4.2, 8.9, 9.2), ACCENT.error],
        [disc(8, 11.3, 1.1), ACCENT.error],
      ];
    case 'paused':
      return [
        [ring(6, 1.8), ink],
        [rect(5.6, 5, 7.2, 11), ink],
        [rect(8.8, 5, 10.4, 11), ink],
      ];
    default:
      throw new Error(`Unknown tray state ${state}`);
  }
}

/** RGBA pixels of one icon, `size` pixels square. */
export function drawIcon(state, variant, size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  const scale = 16 / size;
  const shapes = layers(state, variant);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Later layers paint over earlier ones; coverage per layer gives anti-aliased edges.
      let rgb = [0, 0, 0];
      let alpha = 0;
      for (const [inside, colour] of shapes) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            const x = (px + (sx + 0.5) / samples) * scale;
            const y = (py + (sy + 0.5) / samples) * scale;
            if (inside(x, y)) hits++;
          }
        }
        const cover = hits / (samples * samples);
        if (cover === 0) continue;
        const out = cover + alpha * (1 - cover);
        rgb = rgb.map((c, i) => (colour[i] * cover + c * alpha * (1 - cover)) / out);
        alpha = out;
      }
      const at = (py * size + px) * 4;
      pixels[at] = Math.round(rgb[0]);
      pixels[at + 1] = Math.round(rgb[1]);
      pixels[at + 2] = Math.round(rgb[2]);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file (8-bit RGBA, no filtering) of `width`×`height` pixels. */
export function encodePng(pixels, width, height = width) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const stride = width * 4;
  const rows = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every icon file: its name in resources/tray/ and its bytes. */
export function trayIconFiles() {
  const files = [];
  for (const state of TRAY_STATES) {
    for (const variant of TRAY_VARIANTS) {
      files.push({ name: `${state}-${variant}.png`, bytes: encodePng(drawIcon(state, variant, 16), 16) });
      files.push({ name: `${state}-${variant}@2x.png`, bytes: encodePng(drawIcon(state, variant, 32), 32) });
    }
  }
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(TRAY_DIR, { recursive: true });
  for (const { name, bytes } of trayIconFiles()) fs.writeFileSync(path.join(TRAY_DIR, name), bytes);
  console.log(`Wrote ${TRAY_STATES.length * TRAY_VARIANTS.length * 2} tray icons to ${TRAY_DIR}`);
}
