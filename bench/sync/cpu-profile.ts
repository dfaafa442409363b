// Where a process's CPU went, from a V8 CPU profile (node --cpu-prof, or the
// inspector's Profiler): each sample's time goes to the first bucket of the
// list that any frame of its stack falls in (a socket write under the
// PostgreSQL client is the client's); the rest is "other". Samples outside [from, to] (microseconds of the same monotonic
// clock the profiles share) are left out, so a server's start-up does not count.
import { readFileSync } from 'node:fs';
import { round } from '../support/timing.ts';

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The buckets, the first in this order that matches a frame of the stack wins: what a blob costs, by the work. */
const BUCKETS: [string, (frame: CallFrame) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['Ed25519 signatures', (f) => /^(signOneShot|verifyOneShot)$/.test(f.functionName)],
  ['SHA-256', (f) => /(^|\/)hash(\.js)?$/.test(f.url) || f.functionName === 'sha256Hex'],
  ['AES (sealing, decryption)', (f) => /(^|\/)cipher(\.js)?$/.test(f.url) || /envelope\.ts|crypto\/fields/.test(f.url)],
  [
    'files and fsync',
    (f) =>
      /blob-store\/folder\.ts|services\/blobs\.ts/.test(f.url) ||
      /^(fsync|fdatasync|openFileHandle|rename|unlink|close|writeBuffer|readFileHandle)$/.test(f.functionName),
  ],
  ['PostgreSQL client', (f) => /node_modules\/pg(-protocol|-pool)?\//.test(f.url)],
  ['SQLite (device store)', (f) => /^(run|all|get|iterate|exec|prepare)$/.test(f.functionName) && f.url === ''],
  ['logging', (f) => /node_modules\/(pino|sonic-boom)\//.test(f.url)],
  ['JSON', (f) => /^(parse|stringify)$/.test(f.functionName) && f.url === ''],
  [
    'TLS and sockets',
    (f) =>
      /^(writev|writeBuffer|writeUtf8String|writeLatin1String|onStreamRead)$/.test(f.functionName) ||
      /_tls_|node:tls|node:net/.test(f.url),
  ],
  [
    'HTTP (Fastify, node:http)',
    (f) => /node_modules\/(fastify|find-my-way|avvio|light-my-request)\/|_http_/.test(f.url),
  ],
];

export interface Breakdown {
  /** CPU milliseconds sampled in the window (idle left out). */
  busy_ms: number;
  /** Per bucket: milliseconds, then the share of busy_ms. */
  buckets: Record<string, { ms: number; share: number }>;
  /** The functions with the most self time, for what the buckets do not say. */
  top_self: { fn: string; ms: number }[];
}

export function readProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

export function breakdown(profile: CpuProfile, from = -Infinity, to = Infinity): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // The lowest bucket index of a frame on the stack, from the root down to the node; BUCKETS.length for none.
  const rank = new Map<number, number>();
  const rankOf = (id: number): number => {
    const known = rank.get(id);
    if (known !== undefined) return known;
    const own = BUCKETS.findIndex(([, match]) => match(byId.get(id)!.callFrame));
    const up = parent.get(id);
    const found = Math.min(own < 0 ? BUCKETS.length : own, up === undefined ? BUCKETS.length : rankOf(up));
    rank.set(id, found);
    return found;
  };
  const bucket = (id: number): string => BUCKETS[rankOf(id)]?.[0] ?? 'other';
  const buckets = new Map<string, number>();
  const self = new Map<string, number>();
  let at = profile.startTime;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const frame = byId.get(id)!.callFrame;
    if (at < from || at > to || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
    busy += delta;
    const name = bucket(id);
    buckets.set(name, (buckets.get(name) ?? 0) + delta);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules\/)?/, '')}`.trim();
    self.set(fn, (self.get(fn) ?? 0) + delta);
  });
  const ms = (micros: number) => round(micros / 1000, 1);
  return {
    busy_ms: ms(busy),
    buckets: Object.fromEntries(
      [...buckets]
        .sort((a, b) => b[1] - a[1])
        .map(([name, micros]) => [name, { ms: ms(micros), share: round(micros / busy, 3) }]),
    ),
    top_self: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([fn, micros]) => ({ fn, ms: ms(micros) })),
  };
}
