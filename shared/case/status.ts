// Case status: the 15-code set widely used in government-service software
// (办件汇聚 reporting) is the reportable status; transfer sub-states (where the
// papers and the sync are) ride on top, so statistics never see a local code.
import { z } from 'zod';

export const CASE_STATUSES = {
  1: 'received', // 已接件
  2: 'withdrawn', // 已撤件
  3: 'accepted', // 已受理
  4: 'not_competent', // 不受理
  5: 'not_accepted', // 不予受理
  6: 'correction_requested', // 补正（开始）
  7: 'correction_completed', // 补正（结束）
  8: 'processing', // 部门开始办理
  9: 'special_procedure_started', // 特别程序（开始）
  10: 'special_procedure_ended', // 特别程序（结束）
  11: 'concluded_approved', // 办结（通过）
  12: 'concluded_approved_deferred', // 办结（容缺通过）
  13: 'concluded_refused', // 办结（不通过）
  14: 'recalled', // 撤回
  15: 'revoked', // 撤销
} as const;
export type CaseStatusCode = keyof typeof CASE_STATUSES;
export const caseStatusSchema = z.union(
  Object.keys(CASE_STATUSES).map((code) => z.literal(Number(code) as CaseStatusCode)) as unknown as [
    z.ZodLiteral<CaseStatusCode>,
    ...z.ZodLiteral<CaseStatusCode>[],
  ],
);

export const SUB_STATES = [
  'queued', // 待发送: waiting in the outbox
  'sent', // 已发送: the handling place's server has it
  'delivered', // 已送达办理地
  'materials_signed_for', // 办理地已签收
  'result_in_transit', // 结果在途
  'awaiting_pickup', // 待领取
  'collected', // 已出件
] as const;
export const subStateSchema = z.enum(SUB_STATES);
export type SubState = z.infer<typeof subStateSchema>;

/** Where the case's own events stand with the remote; quarantine comes with sync. */
export const SYNC_STATES = ['queued', 'synced', 'quarantined'] as const;
export const syncStateSchema = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof syncStateSchema>;
