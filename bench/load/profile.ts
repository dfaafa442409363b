// Where a cold load's main-thread time went: one extra cold load under V8's
// sampling profiler (not counted in the samples), its time from navigation to
// the field being ready summed by script file. `(idle)` is the page waiting —
// for the network or the backend; `(program)` is the browser's own work
// (parsing and compiling scripts among it); `(garbage collector)` is GC.
import type { Browser, CDPSession } from '@playwright/test';
import { loadOnce, type LoadSample } from './measure.ts';

export interface ProfileSummary {
  sample: LoadSample;
  /** Milliseconds of the main thread's time per script file (or V8's own category), most first. */
  main_thread_ms: Record<string, number>;
}

interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

export async function profiledColdLoad(browser: Browser, url: string): Promise<ProfileSummary> {
  const context = await browser.newContext();
  try {
    let cdp: CDPSession | null = null;
    let profile: Profile | null = null;
    const sample = await loadOnce(await context.newPage(), url, {
      before: async (page) => {
        cdp = await context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      },
      after: async () => {
        profile = (await cdp!.send('Profiler.stop')).profile;
      },
    });
    return { sample, main_thread_ms: byFile(profile!) };
  } finally {
    await context.close();
  }
}

function byFile(profile: Profile): Record<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    // A script's file name; a built-in (DOM call, V8 category) by its own name.
    const key = frame.url ? frame.url.slice(frame.url.lastIndexOf('/') + 1) : frame.functionName || '(native)';
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
  });
  return Object.fromEntries(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .filter(([, us]) => us >= 1000)
      .map(([key, us]) => [key, Math.round(us / 100) / 10]),
  );
}
