import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_DIR, TRAY_STATES, TRAY_VARIANTS, trayIconFiles } from '../../scripts/tray-icons.mjs';
import { trayIconFile } from '../../electron/main/tray.js';

/** Width, height and RGBA rows of a PNG written by the generator (no filtering). */
function readPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idatLength = bytes.readUInt32BE(33);
  expect(bytes.subarray(37, 41).toString('ascii')).toBe('IDAT');
  const raw = zlib.inflateSync(bytes.subarray(41, 41 + idatLength));
  return { width, height, raw };
}

describe('tray icons', () => {
  it('are committed for every state, light and dark, at 16 px and @2x, exactly as the generator draws them', () => {
    const files = trayIconFiles();
    expect(files).toHaveLength(TRAY_STATES.length * TRAY_VARIANTS.length * 2);
    for (const state of TRAY_STATES) {
      for (const variant of TRAY_VARIANTS) {
        const name = trayIconFile(state, variant);
        expect(files.map((f) => f.name)).toContain(name);
        expect(files.map((f) => f.name)).toContain(name.replace('.png', '@2x.png'));
      }
    }
    for (const { name, bytes } of files) {
      // Run `node scripts/tray-icons.mjs` when this fails after changing the drawing.
      expect(fs.readFileSync(path.join(TRAY_DIR, name)).equals(bytes), name).toBe(true);
    }
  });

  it('are valid PNGs of the right size with a visible glyph that differs between light and dark', () => {
    const byName = new Map(trayIconFiles().map((f) => [f.name, f.bytes]));
    const idleLight = readPng(byName.get('idle-light.png')!);
    expect([idleLight.width, idleLight.height]).toEqual([16, 16]);
    expect(readPng(byName.get('idle-light@2x.png')!).width).toBe(32);
    const opaque = [...idleLight.raw].filter((_, i) => i % 65 !== 0 && (i % 65) % 4 === 0).filter((a) => a > 128);
    expect(opaque.length).toBeGreaterThan(20);
    expect(readPng(byName.get('idle-dark.png')!).raw.equals(idleLight.raw)).toBe(false);
    expect(readPng(byName.get('error-light.png')!).raw.equals(idleLight.raw)).toBe(false);
  });
});
