// What happened to a case after intake, by its age: the real event types, in
// an order the shared state machine accepts, by the clerk, the handling
// place's officer or the result desk.
import type { Role } from '../../shared/auth/permissions.ts';
import type { EventType } from '../../shared/case/events.ts';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import type { Matter } from '../../shared/catalog/index.ts';
import { localDay } from '../../shared/local-time.ts';
import { int, pad, weighted, type Random } from './people.ts';

export type Actor = { userId: string; role: Role };

export type Step = [type: EventType, payload: unknown, at: Date, actor: Actor];

const drawRating = weighted<number>([
  [5, 700],
  [4, 200],
  [3, 60],
  [2, 25],
  [1, 15],
]);
const REMEDIES = [
  { kind: 'administrative_reconsideration', body: '九江市人民政府', withinDays: 60 },
  { kind: 'administrative_litigation', body: '彭泽县人民法院', withinDays: 180 },
] as const;
/**
 * What happens to a case after intake, by its age (days from intake to the end
 * of the data): the real event types in an order the state machine accepts.
 * Under a day: queued here, a clerk's note. Then the handling place signs for
 * the electronic materials; from 3 days it has accepted it (or asked for a
 * correction); from 20 days it has decided: approved 85 %, approved with
 * documents to follow 3 %, refused 5 %, not accepted 7 %, and 30 % of the
 * concluded cases were rated (好差评, mostly 4–5) at the window.
 */
export function laterEvents(
  rand: Random,
  at: Date,
  ageDays: number,
  endMs: number,
  matter: Matter,
  submission: IntakeSubmission,
  actors: { clerk: Actor; officer: Actor; resultDesk: Actor },
): Step[] {
  const { clerk, officer, resultDesk } = actors;
  const after = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);
  const date = localDay(at).replaceAll('-', '');
  if (ageDays < 1) {
    const noteAt = new Date(Math.min(after(at, int(rand, 250, 400)).getTime(), endMs - 60_000));
    return [['case.note_added', { text: '已电话告知申请人办理进度' }, noteAt, clerk]];
  }
  const signedAt = after(at, int(rand, 30, 1200));
  const steps: Step[] = [['case.signed_for', { part: 'electronic' }, signedAt, officer]];
  if (ageDays < 3) return steps;
  const decidedAt = after(signedAt, int(rand, 1, 2) * 1440);
  const accepted: Step = [
    'case.accepted',
    { acceptanceNo: `HM${date}${pad(int(rand, 0, 99_999), 5)}` },
    decidedAt,
    officer,
  ];
  if (ageDays < 20) {
    if (rand() < 0.85) return [...steps, accepted];
    const deadline = localDay(after(decidedAt, 10 * 1440));
    const item = { materialId: matter.materials[0]!.id, problem: 'missing', note: '请补充清晰完整的材料' };
    return [...steps, ['case.correction_requested', { items: [item], deadline }, decidedAt, officer]];
  }
  const x = rand();
  if (x >= 0.93) {
    const refusal = { reasons: ['申请事项不属于跨省通办办理范围'], remedies: [...REMEDIES] };
    return [...steps, ['case.not_accepted', refusal, decidedAt, officer]];
  }
  const concludedAt = after(decidedAt, rand() < 0.1 ? int(rand, 30, 180) : int(rand, 1, 15) * 1440);
  const deferred =
    submission.materials.find((m) => m.outcome === 'deferred')?.materialId ?? matter.materials.at(-1)!.id;
  const conclusion: Step =
    x < 0.85
      ? ['case.concluded_approved', { resultDocuments: [] }, concludedAt, officer]
      : x < 0.88
        ? [
            'case.concluded_approved_deferred',
            { resultDocuments: [], deferredMaterialIds: [deferred] },
            concludedAt,
            officer,
          ]
        : [
            'case.concluded_refused',
            { resultDocuments: [], reasons: ['申请人不符合办理条件'], remedies: [...REMEDIES] },
            concludedAt,
            officer,
          ];
  steps.push(accepted, conclusion);
  const ratedAt = after(concludedAt, int(rand, 0, 2) * 1440 + int(rand, 10, 120));
  if (rand() < 0.3 && ratedAt.getTime() < endMs) {
    steps.push(['case.evaluated', { rating: drawRating(rand) }, ratedAt, resultDesk]);
  }
  return steps;
}
