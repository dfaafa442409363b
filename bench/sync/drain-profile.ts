// The CPU breakdown the benchmark writes when a drain target is missed: the
// drain again at a smaller size with both sides profiled (the server by
// node --cpu-prof, the device by the inspector), each profile cut down to the
// drain's own time and bucketed by cpu-profile.ts. Profiling slows both
// sides, so these shares say where the CPU goes, not how much a run takes.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breakdown, readProfile, type Breakdown } from './cpu-profile.ts';
import { drain } from './drain.ts';
import type { SyncOptions } from './options.ts';
import { say } from './say.ts';

/**
 * A side's breakdown, and its process's CPU over the same drain: busy_ms is
 * the main thread's, sampled; process_cpu_ms has the thread pool's too — the
 * file writes and fsyncs, which the profile does not see — and the GC's helpers.
 */
export type SideProfile = Breakdown & { process_cpu_ms: number };

export interface DrainProfile {
  cases: number;
  scans: number;
  server: SideProfile;
  device: SideProfile;
}

export async function profileDrain(options: SyncOptions, cases: number): Promise<DrainProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-profile-'));
  const asked = process.env.TONGBAN_BENCH_PROFILE;
  process.env.TONGBAN_BENCH_PROFILE = dir;
  try {
    say(`profile: the drain again with ${cases} cases, server and device profiled`);
    const run = await drain({ ...options, cases, floor: false, pouchdb: false });
    const cpu = run.drain_cpu_s as Record<'device' | 'server', number>;
    const files = readdirSync(dir);
    const deviceFile = files.find((name) => name.startsWith('device-'));
    const serverFile = files.find((name) => name.endsWith('.cpuprofile') && !name.startsWith('device-'));
    if (!deviceFile || !serverFile) throw new Error(`the profiled drain left no profiles: ${files.join(', ')}`);
    const device = readProfile(join(dir, deviceFile));
    return {
      cases,
      scans: cases * options.scansPerCase,
      // Only while the device drained: not the server's start-up or the checks after.
      server: {
        ...breakdown(readProfile(join(dir, serverFile)), device.startTime, device.endTime),
        process_cpu_ms: Math.round(cpu.server * 1000),
      },
      device: { ...breakdown(device), process_cpu_ms: Math.round(cpu.device * 1000) },
    };
  } finally {
    if (asked === undefined) delete process.env.TONGBAN_BENCH_PROFILE;
    else process.env.TONGBAN_BENCH_PROFILE = asked;
    rmSync(dir, { recursive: true, force: true });
  }
}
