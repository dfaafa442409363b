// Which display the applicant's screen opens on: one that is not the clerk's
// (the primary), a touch screen first, since applicants sign on it. Pure, so a
// test can choose without Electron.
export interface DisplayInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  touchSupport: 'available' | 'unavailable' | 'unknown';
  internal: boolean;
}

export function chooseApplicantDisplay<D extends DisplayInfo>(displays: readonly D[], primaryId: number): D | null {
  const others = displays.filter((d) => d.id !== primaryId);
  // A laptop's own panel faces the clerk too; an external screen faces the counter.
  const rank = (d: D): number => (d.touchSupport === 'available' ? 0 : 2) + (d.internal ? 1 : 0);
  return [...others].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** The code main passes to the page it opens: the page redeems it itself, nobody types it. */
export function applicantScreenUrl(origin: string, code: string): string | null {
  return /^\d{6}$/.test(code) ? `${origin}/applicant.html#code=${code}` : null;
}
