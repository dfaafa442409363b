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

export interface DrainProfile {
  cases: number;
  scans: number;
  server: Breakdown;
  device: Breakdown;
}

export async function profileDrain(options: SyncOptions, cases: number): Promise<DrainProfile> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-profile-'));
  process.env.TONGBAN_BENCH_PROFILE = dir;
  try {
    say(`profile: the drain again with ${cases} cases, server and device profiled`);
    await drain({ ...options, cases, floor: false, pouchdb: false });
    const files = readdirSync(dir);
    const deviceFile = files.find((name) => name.startsWith('device-'));
    const serverFile = files.find((name) => name.endsWith('.cpuprofile') && !name.startsWith('device-'));
    if (!deviceFile || !serverFile) throw new Error(`the profiled drain left no profiles: ${files.join(', ')}`);
    const device = readProfile(join(dir, deviceFile));
    return {
      cases,
      scans: cases * options.scansPerCase,
      // Only while the device drained: not the server's start-up or the checks after.
      server: breakdown(readProfile(join(dir, serverFile)), device.startTime, device.endTime),
      device: breakdown(device),
    };
  } finally {
    delete process.env.TONGBAN_BENCH_PROFILE;
    rmSync(dir, { recursive: true, force: true });
  }
}
