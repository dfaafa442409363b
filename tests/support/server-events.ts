// Events recorded on a case after intake, as the server's tests push them:
// a valid sample payload for each type, made by a given device and role.
import type { Role } from '../../shared/auth/permissions.ts';
import type { CaseEvent } from '../../shared/case/events.ts';
import { uuidv7 } from '../../shared/case/uuid.ts';
import type { WireEvent } from '../../shared/sync/protocol.ts';
import { APPLICANT, wire } from '../../bench/support/exchange-samples.ts';
import type { TestDevice } from './server-device.ts';

/** A valid payload for each event recorded after intake; `signature` is a blob the server holds. */
export function samplePayload(type: string, signature = 'f'.repeat(64)): unknown {
  const remedies = [{ kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 }];
  const samples: Record<string, unknown> = {
    'case.originals_dispatched': {
      carrier: 'EMS',
      waybillNo: '1180000000001',
      mailedOn: '2026-11-22',
      materialIds: ['id_card'],
    },
    'case.signed_for': { part: 'electronic' },
    'case.accepted': { acceptanceNo: 'HM-2026-0001' },
    'case.not_accepted': { reasons: ['不属于本机关职权范围。'], remedies },
    'case.correction_requested': {
      items: [{ materialId: 'contribution_certificate', problem: 'incorrect', note: '缺少 2019 年度记录。' }],
      deadline: '2099-12-31',
    },
    'case.correction_supplied': {
      materials: [{ materialId: 'contribution_certificate', outcome: 'received', forms: ['original_kept'] }],
      scans: [],
    },
    'case.special_procedure_started': { kind: 'expert_review', reason: '需专家评审。' },
    'case.special_procedure_ended': {},
    'case.deadline_extended': { count: 15, reason: '案情复杂。', legalBasis: '劳动争议调解仲裁法第四十三条' },
    'case.concluded_approved': { resultDocuments: [] },
    'case.concluded_approved_deferred': { resultDocuments: [], deferredMaterialIds: ['application_form'] },
    'case.concluded_refused': { resultDocuments: [], reasons: ['不符合转移条件。'], remedies },
    'case.result_mailed': { carrier: 'EMS', waybillNo: '1180000000002', mailedOn: '2026-11-23', to: 'intake_window' },
    'case.result_delivered_electronically': { channel: '电子证照库' },
    'case.result_arrived': {},
    'case.result_collected': {
      collector: { ...APPLICANT },
      byApplicant: true,
      signature: { sha256: signature, source: 'pad' },
    },
    'case.note_added': { text: '请核对缴费年限。' },
    'case.evaluated': { rating: 5 },
    'case.deferred_material_received': { materialId: 'application_form', forms: ['original_kept'], scans: [] },
  };
  if (!(type in samples)) throw new Error(`no sample payload for ${type}`);
  return samples[type];
}

/** An event recorded on a case by `device` as `role`, with a sample payload unless one is given. */
export function decision(
  caseId: string,
  device: TestDevice,
  type: string,
  role: Role,
  payload: unknown = samplePayload(type),
): WireEvent {
  return wire({
    eventId: uuidv7(),
    caseId,
    type: type as CaseEvent['type'],
    payload,
    actor: { userId: `${role}-1`, role },
    deviceId: device.deviceId,
    occurredAt: new Date().toISOString(),
  });
}

/** 受理 recorded by a handling officer on an acceptance desk. */
export function acceptedEvent(caseId: string, desk: TestDevice, acceptanceNo: string): WireEvent {
  return decision(caseId, desk, 'case.accepted', 'handling_officer', { acceptanceNo });
}
