// The processes of a run: where the CPU went (from /proc: this process, the
// server's, all of PostgreSQL's), a free port, and waiting for a child to exit.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { round } from '../support/timing.ts';

/** utime+stime (and, with `children`, that of its reaped children) of a process, in seconds; 0 when it is gone. */
export function processCpu(pid: number, children = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = (i: number) => Number(fields[i - 3]);
    return (ticks(14) + ticks(15) + (children ? ticks(16) + ticks(17) : 0)) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used by all of PostgreSQL: the postmaster's reaped children and every live process of it. */
export function postgresCpu(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    const postmaster = readFileSync(`/proc/${ppid}/comm`, 'utf8').trim() !== 'postgres';
    total += processCpu(Number(entry), postmaster);
  }
  return total;
}

/** Where the CPU went while `work` ran: this process (the device), the server process, PostgreSQL. */
export async function cpuDuring<T>(
  serverPid: number | null,
  work: () => Promise<T>,
): Promise<[T, Record<string, number>]> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  if (process.env.TONGBAN_BENCH_PROFILE) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const before = { device: process.cpuUsage(), server: serverPid ? processCpu(serverPid) : 0, postgres: postgresCpu() };
  const value = await work();
  if (process.env.TONGBAN_BENCH_PROFILE) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(process.env.TONGBAN_BENCH_PROFILE, `device-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  const device = process.cpuUsage(before.device);
  return [
    value,
    {
      device: round((device.user + device.system) / 1e6, 2),
      server: round((serverPid ? processCpu(serverPid) : 0) - before.server, 2),
      postgres: round(postgresCpu() - before.postgres, 2),
    },
  ];
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
}
