// 好差评: the national five levels an applicant rates a service encounter in,
// and the rule that a rating of 不满意 or 非常不满意 says why, so the bad
// rating can be followed up.
import { z } from 'zod';

/** 非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** At or below this level a reason is required. */
export const REASON_REQUIRED_AT_OR_BELOW = 2;
export const RATING_REASON_MAX = 500;

export function reasonRequired(rating: number): boolean {
  return rating <= REASON_REQUIRED_AT_OR_BELOW;
}

/** Loose on purpose: the backend names what is wrong (rating_level_invalid, rating_reason_required). */
export const ratingInputSchema = z.object({
  rating: z.number(),
  reason: z
    .string()
    .max(RATING_REASON_MAX * 4)
    .optional(),
});

export type RatingProblem = 'rating_level_invalid' | 'rating_reason_required' | 'rating_reason_too_long';

/** The rating as the case records it, or the problem with it. */
export function checkRating(
  input: z.output<typeof ratingInputSchema>,
): { ok: true; rating: RatingLevel; comment?: string } | { ok: false; problem: RatingProblem } {
  const level = RATING_LEVELS.find((l) => l === input.rating);
  if (level === undefined) return { ok: false, problem: 'rating_level_invalid' };
  const reason = (input.reason ?? '').trim();
  if (reason === '' && reasonRequired(level)) return { ok: false, problem: 'rating_reason_required' };
  if (reason.length > RATING_REASON_MAX) return { ok: false, problem: 'rating_reason_too_long' };
  return reason === '' ? { ok: true, rating: level } : { ok: true, rating: level, comment: reason };
}
