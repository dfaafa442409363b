// Random fault schedules for two server instances, drawn from one 32-bit seed
// like the single-server ones (schedule.ts), so a failing one can be named
// and run again: which window takes each case in (and with which scan), when
// the proxies' faults go on and off, "sync now" at a window, and at least one
// kill -9 of an instance — A, B, or both at once — after a while or just as a
// push or a blob goes up or a push's answer comes back, each instance down a
// while before it starts again on the same port.
import type { FaultSettings } from './proxy.ts';
import {
  describeFaults,
  describeTrigger,
  draws,
  drawFaults,
  drawScan,
  drawTrigger,
  rng,
  withPauses,
  type ScanKind,
  type Trigger,
} from './schedule.ts';

export const INSTANCE_NAMES = ['A', 'B'] as const;
export type InstanceName = (typeof INSTANCE_NAMES)[number];

export type InstanceStep =
  | { kind: 'submit'; window: number; scan: ScanKind }
  | { kind: 'faults'; settings: FaultSettings | null }
  | { kind: 'pause'; ms: number }
  | { kind: 'sync-now'; window: number }
  | { kind: 'kill-instances'; instances: InstanceName[]; trigger: Trigger; downMs: number };

export interface InstanceSchedule {
  seed: number;
  /** Seeds the proxies' per-request draws, which follow the traffic and so are not part of the plan. */
  proxySeed: number;
  steps: InstanceStep[];
}

/** The schedule of `seed` for `windows` intake windows. */
export function planInstanceSchedule(seed: number, windows: number): InstanceSchedule {
  const random = rng(seed);
  const { int, chance } = draws(random);
  const steps: InstanceStep[] = [];
  for (let i = int(2, 4); i > 0; i--)
    steps.push({ kind: 'submit', window: int(0, windows - 1), scan: drawScan(random) });
  const withScans = steps.some((s) => s.kind === 'submit' && s.scan !== 'none');
  const fromStart = chance(0.6) ? 1 : 0;
  if (fromStart) steps.unshift({ kind: 'faults', settings: drawFaults(random) });
  const others: InstanceStep[] = [];
  for (let i = int(0, 1); i > 0; i--) {
    others.push({ kind: 'faults', settings: chance(0.6) ? drawFaults(random) : null });
  }
  for (let i = int(0, 2); i > 0; i--) others.push({ kind: 'sync-now', window: int(0, windows - 1) });
  for (let i = int(1, 2); i > 0; i--) {
    const draw = random();
    const instances: InstanceName[] = draw < 0.4 ? ['A'] : draw < 0.8 ? ['B'] : ['A', 'B'];
    others.push({ kind: 'kill-instances', instances, trigger: drawTrigger(random, withScans), downMs: int(0, 800) });
  }
  for (const step of others) steps.splice(int(fromStart, steps.length), 0, step);

  // The pauses are drawn before the proxy's seed, as they always were: an old seed replays the same plan.
  const paced = withPauses(steps, random);
  return { seed, proxySeed: Math.floor(random() * 2 ** 32), steps: paced };
}

function describeStep(step: InstanceStep): string {
  switch (step.kind) {
    case 'submit':
      return `window ${step.window + 1}: submit a case${step.scan === 'none' ? '' : ` with a ${step.scan} scan`}`;
    case 'faults':
      return describeFaults(step.settings);
    case 'pause':
      return `pause ${step.ms} ms`;
    case 'sync-now':
      return `window ${step.window + 1}: sync now`;
    case 'kill-instances': {
      const when = describeTrigger(step.trigger);
      const which = step.instances.length > 1 ? 'both instances' : `instance ${step.instances[0]}`;
      return `kill -9 ${which}, down ${step.downMs} ms, ${when} (in the background, after any kill before it)`;
    }
  }
}

export function describeInstanceSchedule(schedule: InstanceSchedule): string {
  return schedule.steps.map((step, i) => `  ${i + 1}. ${describeStep(step)}`).join('\n');
}
