// Random fault schedules, all drawn from one 32-bit seed so that a failing
// schedule can be named and run again: which cases a clerk submits (some with
// a scan, now and then one larger than a blob chunk, so an upload can be cut
// between chunks), when the proxy's faults go on and off and which, when
// "sync now" is pressed, and when the server or the device backend is killed
// with -9 — after a while, or just as a push or a blob goes up or a push's
// answer comes back.
import { FAULT_KINDS, type FaultSettings } from './proxy.ts';

/** mulberry32, its seed first scrambled so that neighbouring seeds start far apart. */
export function rng(seed: number): () => number {
  let state = Math.imul(seed ^ (seed >>> 16), 0x45d9f3b) >>> 0;
  state = Math.imul(state ^ (state >>> 16), 0x45d9f3b) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ScanKind = 'none' | 'small' | 'large';
/** When a kill happens: after some time, or as the proxy sees the moment (or after `withinMs` if it never comes). */
export type Trigger = { on: 'time'; ms: number } | { on: 'push' | 'push-answer' | 'blob'; withinMs: number };

export type Step =
  | { kind: 'submit'; scan: ScanKind }
  | { kind: 'faults'; settings: FaultSettings | null }
  | { kind: 'pause'; ms: number }
  | { kind: 'sync-now' }
  | { kind: 'kill-server'; trigger: Trigger; downMs: number }
  | { kind: 'kill-device'; trigger: Trigger };

export interface Schedule {
  seed: number;
  /** Seeds the proxy's per-request draws, which follow the traffic and so are not part of the plan. */
  proxySeed: number;
  steps: Step[];
}

const TRIGGER_WITHIN_MS = 800;

/** Draws from a generator: an integer in [min, max], a chance of p. */
export function draws(random: () => number) {
  return {
    int: (min: number, max: number): number => min + Math.floor(random() * (max - min + 1)),
    chance: (p: number): boolean => random() < p,
  };
}

/** The steps, each followed half the time by a pause of up to 150 ms, drawn in this order. */
export function withPauses<S>(steps: S[], random: () => number): (S | { kind: 'pause'; ms: number })[] {
  const { int, chance } = draws(random);
  const paced: (S | { kind: 'pause'; ms: number })[] = [];
  for (const step of steps) {
    paced.push(step);
    if (chance(0.5)) paced.push({ kind: 'pause', ms: int(0, 150) });
  }
  return paced;
}

/** A faults step in words. */
export function describeFaults(settings: FaultSettings | null): string {
  return settings
    ? `faults on${settings.writesOnly ? ' (writes only)' : ''}: ${settings.kinds.join(', ')} ` +
        `at ${settings.rate.toFixed(2)}, delays up to ${settings.maxDelayMs} ms`
    : 'faults off';
}

/** When a kill fires, in words. */
export function describeTrigger(trigger: Trigger): string {
  return trigger.on === 'time' ? `after ${trigger.ms} ms` : `at the next ${trigger.on}`;
}

/** Faults to turn on: some of the kinds, at some rate, with delays up to some time. */
export function drawFaults(random: () => number): FaultSettings {
  const { int, chance } = draws(random);
  const kinds = FAULT_KINDS.filter(() => chance(0.5));
  return {
    rate: 0.15 + random() * 0.65,
    kinds: kinds.length > 0 ? kinds : [FAULT_KINDS[int(0, FAULT_KINDS.length - 1)]!],
    maxDelayMs: int(50, 1500),
    writesOnly: chance(0.5),
  };
}

/** When a kill comes: after a while, or at a push, a push's answer or (when there are scans) a blob going up. */
export function drawTrigger(random: () => number, blobs: boolean): Trigger {
  const { int } = draws(random);
  const draw = random();
  if (draw < 0.4) return { on: 'time', ms: int(0, 600) };
  if (draw < 0.65) return { on: 'push', withinMs: TRIGGER_WITHIN_MS };
  if (draw < 0.85 || !blobs) return { on: 'push-answer', withinMs: TRIGGER_WITHIN_MS };
  return { on: 'blob', withinMs: TRIGGER_WITHIN_MS };
}

/** A draw of the scan a case comes with. */
export function drawScan(random: () => number): ScanKind {
  const draw = random();
  return draw < 0.45 ? 'none' : draw < 0.9 ? 'small' : 'large';
}

export function planSchedule(seed: number): Schedule {
  const random = rng(seed);
  const { int, chance } = draws(random);

  const steps: Step[] = [];
  const cases = int(1, 4);
  for (let i = 0; i < cases; i++) steps.push({ kind: 'submit', scan: drawScan(random) });
  const withScans = steps.some((s) => s.kind === 'submit' && s.scan !== 'none');
  const faults = (): Step => ({ kind: 'faults', settings: drawFaults(random) });
  const toggles = int(0, 3);
  // Mostly on from the start, so the cases' first pushes meet them; later toggles change or stop them.
  const fromStart = toggles > 0 && chance(0.6) ? 1 : 0;
  if (fromStart) steps.unshift(faults());
  const others: Step[] = [];
  for (let i = fromStart; i < toggles; i++) {
    others.push(chance(0.75) ? faults() : { kind: 'faults', settings: null });
  }
  for (let i = int(0, 4); i > 0; i--) others.push({ kind: 'sync-now' });
  const trigger = (blobs: boolean): Trigger => drawTrigger(random, blobs);
  if (chance(0.2)) others.push({ kind: 'kill-server', trigger: trigger(withScans), downMs: int(0, 800) });
  if (chance(0.2)) others.push({ kind: 'kill-device', trigger: trigger(withScans) });
  for (const step of others) steps.splice(int(fromStart, steps.length), 0, step);

  // The pauses are drawn before the proxy's seed, as they always were: an old seed replays the same plan.
  const paced = withPauses(steps, random);
  return { seed, proxySeed: Math.floor(random() * 2 ** 32), steps: paced };
}

function describeStep(step: Step): string {
  switch (step.kind) {
    case 'submit':
      return `submit a case${step.scan === 'none' ? '' : ` with a ${step.scan} scan`}`;
    case 'faults':
      return describeFaults(step.settings);
    case 'pause':
      return `pause ${step.ms} ms`;
    case 'sync-now':
      return 'sync now';
    case 'kill-server':
    case 'kill-device': {
      const when = describeTrigger(step.trigger);
      const what = step.kind === 'kill-server' ? `kill -9 the server, down ${step.downMs} ms,` : 'kill -9 the device';
      return `${what} ${when} (in the background)`;
    }
  }
}

export function describeSchedule(schedule: Schedule): string {
  return schedule.steps.map((step, i) => `  ${i + 1}. ${describeStep(step)}`).join('\n');
}
