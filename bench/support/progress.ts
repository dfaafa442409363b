// A benchmark's progress lines on stdout, each with the seconds since it
// started: `[bench:store 12.3 s] …`.

export function progress(label: string): (text: string) => void {
  const started = performance.now();
  return (text) => console.log(`[${label} ${((performance.now() - started) / 1000).toFixed(1)} s] ${text}`);
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
