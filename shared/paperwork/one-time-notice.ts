// 一次性告知单: everything an applicant still lacks for a matter, told in one
// go so they need come back only once. Each item names a material of the
// matter's checklist and what is wrong with it, as a code: the record holds no
// free text, so nothing personal can reach it.
import { z } from 'zod';
import type { Matter } from '../catalog/schema.ts';
import { languageSchema } from '../languages.ts';

/** What can be wrong with a material: not brought at all, or brought but not usable as it is. */
export const NOTICE_PROBLEMS = [
  'missing', // 未提交
  'expired', // 已过有效期
  'illegible', // 不清晰
  'incomplete', // 内容不全
  'inconsistent', // 信息与其他材料不一致
  'unsigned', // 未签名或未盖章
  'wrong_form', // 形式不符（如须原件而交复印件）
] as const;
export type NoticeProblem = (typeof NOTICE_PROBLEMS)[number];

export const noticeItemSchema = z.object({
  materialId: z.string().min(1).max(64),
  problem: z.enum(NOTICE_PROBLEMS),
});
export type NoticeItem = z.infer<typeof noticeItemSchema>;

export const oneTimeNoticeInput = z.object({
  matterId: z.string().min(1).max(64),
  /** The applicant's language: the notice is printed in it. */
  language: languageSchema,
  items: z.array(noticeItemSchema).min(1).max(100),
  /** The consultation it is recorded on: what was asked and how long it took. */
  note: z.string().trim().min(1).max(500),
  minutes: z.number().int().min(1).max(480),
});
export type OneTimeNoticeInput = z.infer<typeof oneTimeNoticeInput>;

export const oneTimeNoticeSchema = z.object({
  noticeId: z.string(),
  consultationId: z.string(),
  at: z.string(),
  clerk: z.string(),
  hall: z.string(),
  matterId: z.string(),
  language: languageSchema,
  items: z.array(noticeItemSchema),
});
export type OneTimeNotice = z.infer<typeof oneTimeNoticeSchema>;

/** Why a notice cannot be issued for the matter, naming the item at fault. */
export type NoticeItemProblem =
  | { reason: 'notice_material_unknown'; materialId: string }
  | { reason: 'notice_material_repeated'; materialId: string };

export function checkNoticeItems(matter: Matter, items: readonly NoticeItem[]): NoticeItemProblem | null {
  const seen = new Set<string>();
  for (const { materialId } of items) {
    if (!matter.materials.some((m) => m.id === materialId)) return { reason: 'notice_material_unknown', materialId };
    if (seen.has(materialId)) return { reason: 'notice_material_repeated', materialId };
    seen.add(materialId);
  }
  return null;
}

/**
 * From the materials check at intake: each required material neither received,
 * waived nor deferred is missing; `wrong` adds those received but not usable.
 * The notice lists them in the order of the matter's checklist.
 */
export function noticeItemsFromCheck(
  matter: Matter,
  outcomes: Readonly<Record<string, string>>,
  wrong: Readonly<Record<string, NoticeProblem>> = {},
): NoticeItem[] {
  return matter.materials.flatMap((m): NoticeItem[] => {
    if (wrong[m.id]) return [{ materialId: m.id, problem: wrong[m.id]! }];
    const outcome = outcomes[m.id] ?? 'not_provided';
    return m.requirement === 'required' && outcome === 'not_provided' ? [{ materialId: m.id, problem: 'missing' }] : [];
  });
}
