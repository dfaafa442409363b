// What the machine was and how busy it was while a benchmark ran: other work
// on it shows up in the times, so every results file records it.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux PSI: the share of the last minute some task waited for a CPU, in %. */
export function cpuPressure(): number | null {
  try {
    const match = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** The CPU's model and how many there are. */
export function cpuDescription(): { model: string; count: number } {
  return { model: cpus()[0]?.model ?? 'unknown', count: cpus().length };
}
