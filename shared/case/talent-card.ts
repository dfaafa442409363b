// 人才绿卡: the talent green card a city or county issues to the talent it
// recruits, whose holder is served first at the window. The clerk records its
// number and where it was issued, checked here, instead of ticking a box: the
// case then shows on what the priority rests.
import { z } from 'zod';
import { isKnownRegion } from '../regions.ts';

export const talentCardSchema = z.object({
  number: z.string().trim().min(1).max(40),
  /** The issuing region's GB/T 2260 county-level code, from the region list. */
  issuingRegion: z.string().trim().max(20),
});
export type TalentCard = z.infer<typeof talentCardSchema>;

/** 6 to 20 letters and digits, as printed; spaces and hyphens between groups are not part of it. */
export const TALENT_CARD_NUMBER = /^[A-Z0-9]{6,20}$/;

export function normaliseTalentCardNumber(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

export type TalentCardProblem = 'talent_card_number_invalid' | 'talent_card_issuer_unknown';

/** What is wrong with the card as typed, field by field; empty when it may be recorded. */
export function talentCardProblems(card: TalentCard): { reason: TalentCardProblem; field: string }[] {
  const problems: { reason: TalentCardProblem; field: string }[] = [];
  if (!TALENT_CARD_NUMBER.test(normaliseTalentCardNumber(card.number))) {
    problems.push({ reason: 'talent_card_number_invalid', field: 'talentCard.number' });
  }
  if (!isKnownRegion(card.issuingRegion)) {
    problems.push({ reason: 'talent_card_issuer_unknown', field: 'talentCard.issuingRegion' });
  }
  return problems;
}

/** As shown on a screen or paper: the first two and last two characters. */
export function maskTalentCardNumber(number: string): string {
  return number.length <= 4 ? '••••' : `${number.slice(0, 2)}${'*'.repeat(number.length - 4)}${number.slice(-2)}`;
}
