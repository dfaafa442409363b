// Where a server process's CPU went during a window of a run, from the V8 CPU
// profile that `node --cpu-prof` writes when the process exits. Sample times in
// the profile are microseconds of the same monotonic clock as
// process.hrtime.bigint(), so the bench cuts out exactly its storm. The
// profile covers the main thread only: the buckets are shares of its busy time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round } from '../support/timing.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The monotonic clock the profile's sample times use, in microseconds. */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/** What a sample's own frame is, by what it does: the named buckets first, then its package or file. */
const BUCKETS: [RegExp, string][] = [
  [/^node:internal\/crypto\/sig$/, 'signatures (node:crypto sign/verify: Ed25519, ECDSA)'],
  [/^node:internal\/crypto\/(hash|hashnames)$/, 'SHA-256 (node:crypto hash)'],
  [/^node:internal\/crypto\/cipher$/, 'AES-GCM (node:crypto cipher: payloads sealed at rest)'],
  [/^node:(_tls_wrap|tls|internal\/tls\/.*)$/, 'TLS (node:tls)'],
  [/^node:(net|internal\/stream_base_commons|internal\/streams\/.*|stream)$/, 'sockets and streams'],
  [/^node:(_http_.*|http|https)$/, 'HTTP (node:http)'],
];
const NATIVE_BUCKETS: Record<string, string> = {
  '(garbage collector)': 'garbage collector',
  '(program)': 'V8 and native (unattributed)',
  parse: 'JSON.parse',
  stringify: 'JSON.stringify',
  writev: 'sockets and streams',
  writeBuffer: 'sockets and streams',
  writeString: 'sockets and streams',
  writeUtf8String: 'sockets and streams',
};

function bucketOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (url === '') return NATIVE_BUCKETS[functionName] ?? `native: ${functionName || '(anonymous)'}`;
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packageName) return `npm: ${packageName}`;
  for (const [pattern, name] of BUCKETS) if (pattern.test(url)) return name;
  if (url.startsWith('node:')) return url;
  // A project file: its path from the repository root.
  return /\/((?:server|shared|shared-node|electron|bench)\/.*)$/.exec(url)?.[1] ?? url;
}

export interface CpuBreakdown {
  /** Main-thread time in the window that was not idle, in seconds. */
  busy_s: number;
  /** The largest buckets of self time, in seconds and as a share of busy time. */
  buckets: { bucket: string; s: number; share: number }[];
  /** The functions with the most self time. */
  functions: { fn: string; s: number; share: number }[];
}

/** Self time per bucket and per function between two monotonicMicros() readings. */
export function breakdown(profile: CpuProfile, fromMicros: number, toMicros: number, top = 20): CpuBreakdown {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    if (at < fromMicros || at >= toMicros) continue;
    const frame = frames.get(profile.samples[i]!)!;
    if (frame.functionName === '(idle)') continue;
    busy += span;
    const bucket = bucketOf(frame);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + span);
    const file = frame.url.replace(/^.*\/(node_modules|work\/[^/]+)\//, '');
    const fn = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + span);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => [name, round(micros / 1e6), busy > 0 ? round(micros / busy, 3) : 0] as const);
  return {
    busy_s: round(busy / 1e6),
    buckets: ranked(buckets).map(([bucket, s, share]) => ({ bucket, s, share })),
    functions: ranked(functions).map(([fn, s, share]) => ({ fn, s, share })),
  };
}

/** The one profile a process with this pid wrote into `dir` (`CPU.<date>.<time>.<pid>.….cpuprofile`). */
export function readProfile(dir: string, pid: number): CpuProfile {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile') && name.split('.')[3] === String(pid));
  if (!file) throw new Error(`no CPU profile of process ${pid} in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
}
