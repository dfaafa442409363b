// Compressed copies of the built UI. The build writes a brotli and a gzip copy
// beside every large enough text file; a host that finds no copy makes one
// itself with a quicker effort and keeps it in memory.
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The encodings a copy can have, in the order a host prefers them. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
export type Encoding = (typeof ENCODINGS)[number]['name'];

const TEXT_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg']);

/** Below this, the headers cost about as much as compression saves. */
export const MIN_COMPRESSED_SIZE = 1024;

export function compressible(file: string, size: number): boolean {
  return size >= MIN_COMPRESSED_SIZE && TEXT_TYPES.has(extname(file).toLowerCase());
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * 'build' packs hard, once per build: brotli 9 (10 and 11 save another ~9 % of the
 * renderer's scripts but take 15-40 times as long, ~10 s more per build on 2 cores);
 * 'serve' is quick enough to do on the first request.
 */
export function compress(encoding: Encoding, data: Buffer, effort: 'build' | 'serve'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(data, { level: effort === 'build' ? 9 : 6 });
  return brotli(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'build' ? 9 : 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/**
 * The encoding an Accept-Encoding header weighs highest (q=0 refuses, `*` stands for
 * the rest; ties go to the host's preference), or null for the file as it is.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [token, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!token) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  const wildcard = weights.get('*') ?? 0;
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const { name } of ENCODINGS) {
    const weight = weights.get(name) ?? wildcard;
    if (weight > bestWeight) [best, bestWeight] = [name, weight];
  }
  return best;
}
