import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress, compressible, MIN_COMPRESSED_SIZE, negotiateEncoding } from './ui-encoding.ts';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=1', 'gzip'],
    ['br;q=1, gzip;q=1', 'br'],
    ['gzip;q=0, br;q=0', null],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0', null],
    ['br;q=nonsense, gzip', 'gzip'],
    ['deflate', null],
  ])('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('compressible', () => {
  it.each([
    ['app.js', MIN_COMPRESSED_SIZE, true],
    ['worker.mjs', 50_000, true],
    ['index.html', 2_000, true],
    ['style.css', 2_000, true],
    ['logo.svg', 2_000, true],
    ['app.js', MIN_COMPRESSED_SIZE - 1, false],
    ['font.woff2', 50_000, false],
    ['photo.png', 50_000, false],
    ['app.js.br', 50_000, false],
  ])('%s of %i bytes → %s', (file, size, expected) => {
    expect(compressible(file, size)).toBe(expected);
  });
});

describe('compress', () => {
  const text = Buffer.from('export const 通办 = "工作台";\n'.repeat(500));

  it.each(['build', 'serve'] as const)(
    'round-trips brotli and gzip at %s effort, and makes them smaller',
    async (effort) => {
      const br = await compress('br', text, effort);
      const gz = await compress('gzip', text, effort);
      expect(brotliDecompressSync(br).equals(text)).toBe(true);
      expect(gunzipSync(gz).equals(text)).toBe(true);
      expect(br.length).toBeLessThan(text.length / 10);
      expect(gz.length).toBeLessThan(text.length / 10);
    },
  );
});
