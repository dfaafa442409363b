// The UI benchmark's verdict: keystroke-to-list percentiles overall and per
// kind of search, where the time went (the UI before asking, the backend's
// answer, the render), and the targets. No typed text is written out: the
// searches are generated people's ID numbers and names.
import { round, summarise, type Timing } from '../support/timing.ts';
import { SEARCH_KINDS } from './samples.ts';
import type { Measured } from './typing.ts';

export const TARGET_P95_MS = 50;

type Shown = Measured & { timing: NonNullable<Measured['timing']> };

/** Keystroke to request sent, request to answer, answer to the frame that showed it (and to the DOM's change). */
function breakdown(shown: readonly Shown[]): Record<string, Timing> {
  const of = (part: (t: Shown['timing']) => number) => summarise(shown.map((m) => part(m.timing)));
  // The table's last change after the answer arrived: React's render and commit (none when the rows were the same).
  const rendered = shown.flatMap(({ timing: t }) =>
    t.domMs !== null && t.domMs > t.answerMs ? [t.domMs - t.answerMs] : [],
  );
  return {
    keystroke_to_request_ms: of((t) => t.requestMs),
    request_to_answer_ms: of((t) => t.answerMs - t.requestMs),
    answer_to_paint_ms: of((t) => t.paintMs - t.answerMs),
    ...(rendered.length > 0 ? { answer_to_dom_change_ms: summarise(rendered) } : {}),
  };
}

export function judge(measured: readonly Measured[]): { summary: Record<string, unknown>; missed: string[] } {
  const shown = measured.filter((m): m is Shown => m.timing !== null);
  if (shown.length === 0) throw new Error('no keystroke was answered on screen');
  const all = summarise(shown.map((m) => m.timing.paintMs));
  const byKind = Object.fromEntries(
    SEARCH_KINDS.map((kind) => {
      const ofKind = shown.filter((m) => m.kind === kind);
      return [kind, { keystrokes: ofKind.length, ...summarise(ofKind.map((m) => m.timing.paintMs)) }];
    }),
  ) as Record<(typeof SEARCH_KINDS)[number], Timing & { keystrokes: number }>;
  const lost = measured.length - shown.length;
  const emptyFrames = shown.reduce((sum, m) => sum + m.timing.emptyFrames, 0);
  const targets = {
    keystroke_to_list_p95: { target_ms: TARGET_P95_MS, p95_ms: all.p95, pass: all.p95 < TARGET_P95_MS },
    every_answer_shown: { lost_keystrokes: lost, pass: lost === 0 },
    no_empty_list_while_typing: { empty_frames: emptyFrames, pass: emptyFrames === 0 },
  };
  const slow = shown.filter((m) => m.timing.paintMs >= TARGET_P95_MS);
  const slowest = [...shown]
    .sort((a, b) => b.timing.paintMs - a.timing.paintMs)
    .slice(0, 10)
    .map(({ kind, text, timing: t }) => ({
      kind,
      typed_chars: Array.from(text).length,
      keystroke_to_list_ms: round(t.paintMs),
      keystroke_to_request_ms: round(t.requestMs),
      request_to_answer_ms: round(t.answerMs - t.requestMs),
      answer_to_paint_ms: round(t.paintMs - t.answerMs),
      rows: t.rows,
      total: t.total,
    }));
  const summary = {
    keystrokes: measured.length,
    keystroke_to_list_p50_ms: all.p50,
    keystroke_to_list_p95_ms: all.p95,
    keystroke_to_list_max_ms: all.max,
    keystroke_to_list_mean_ms: all.mean,
    caseno_p95_ms: byKind.caseno.p95,
    id_p95_ms: byKind.id.p95,
    name_p95_ms: byKind.name.p95,
    clear_p95_ms: byKind.clear.p95,
    by_kind: byKind,
    breakdown: breakdown(shown),
    // Where the time went in the keystrokes at or over the target.
    over_target: { keystrokes: slow.length, ...(slow.length > 0 ? { breakdown: breakdown(slow) } : {}) },
    slowest,
    targets,
  };
  const missed = Object.entries(targets)
    .filter(([, verdict]) => !verdict.pass)
    .map(([name, verdict]) => `${name} ${JSON.stringify(verdict)}`);
  return { summary, missed };
}
