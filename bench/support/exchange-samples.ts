// Sample traffic for an exchange server, as an intake window makes it: a
// device's Ed25519 key pair and a new case's first two events (a KST-SI-004
// pension transfer that meets every rule of the seed catalog). The sync
// benchmark's storm pushes these, and the server's tests push the same
// events (tests/support/server.ts), so both exercise what a real window sends.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { Role } from '../../shared/auth/permissions.ts';
import { formatCaseNumber } from '../../shared/case/case-number.ts';
import type { CaseEvent, CaseReceivedPayload, MaterialsCheckedPayload } from '../../shared/case/events.ts';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import { uuidv7 } from '../../shared/case/uuid.ts';
import { SEED_CATALOG, type Matter } from '../../shared/catalog/index.ts';
import type { WireEvent } from '../../shared/sync/protocol.ts';
import { contentHash } from '../../shared-node/event-hash.ts';

/** Huangmei, the seed catalog's handling region: the exchange server's region. */
export const SERVER_REGION = '421127';
/** Gongqingcheng, Jiangxi: the intake windows' region. */
export const INTAKE_REGION = '360430';

export const APPLICANT = {
  name: '张三丰',
  idKind: 'resident_id' as const,
  idNumber: '11010219781027232X',
  phone: '13812348000',
};

/** A device's key pair as it enrolls: the public half SPKI DER in base64, the private half to sign with. */
export function newKeys(): { publicKey: string; privateKey: KeyObject } {
  const pair = generateKeyPairSync('ed25519');
  return {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: pair.privateKey,
  };
}

export function seedMatter(id: string): Matter {
  const matter = SEED_CATALOG.matters.find((m) => m.id === id);
  if (!matter) throw new Error(`${id} is not in the seed catalog`);
  return matter;
}

/**
 * An intake of a matter by the applicant in person, not a priority, with every
 * required material received in all its accepted forms: what the materials
 * rules of the catalog accept. The rest (scans, form data, language, the
 * handling place) is the caller's.
 */
export function intakeWithAllMaterials(
  matter: Matter,
  applicant: IntakeSubmission['applicant'],
  rest: Pick<IntakeSubmission, 'scans' | 'formData' | 'language'> & Partial<IntakeSubmission>,
): IntakeSubmission {
  return {
    submissionId: randomUUID(),
    matterId: matter.id,
    applicant: { ...applicant },
    agent: null,
    priority: false,
    materials: matter.materials
      .filter((m) => m.requirement === 'required')
      .map((m) => ({ materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] })),
    // The applicant was given the privacy notice; an intake without it is refused.
    privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: new Date().toISOString() },
    ...rest,
  };
}

/** A KST-SI-004 (pension transfer) intake that meets every rule of the seed catalog. */
export function pensionTransfer(scans: IntakeSubmission['scans'] = []): IntakeSubmission {
  return intakeWithAllMaterials(seedMatter('KST-SI-004'), APPLICANT, {
    scans,
    formData: { transfer_out_region: '江西省九江市共青城市', transfer_in_region: '湖北省黄冈市黄梅县' },
    language: 'zh-CN',
    handlingRegion: SERVER_REGION,
  });
}

/** The event as it travels, with its content hash and blobs. */
export function wire(event: CaseEvent, blobs: string[] = []): WireEvent {
  return { ...event, contentHash: contentHash(event), blobs };
}

let sequence = 0;

/** A new case's case.received and case.materials_checked, as the intake window makes them. */
export function newCase(
  options: {
    intakeRegion?: string;
    handlingRegion?: string;
    scans?: { sha256: string; materialId: string | null }[];
    role?: Role;
  } = {},
): { caseId: string; submission: IntakeSubmission; received: WireEvent; materials: WireEvent } {
  const submission = pensionTransfer(options.scans ?? []);
  const at = new Date();
  const caseId = uuidv7(at.getTime());
  sequence += 1;
  const intakeRegion = options.intakeRegion ?? INTAKE_REGION;
  const received: CaseReceivedPayload = {
    caseNo: formatCaseNumber({ region: intakeRegion, date: '20261122', window: '03', sequence }),
    matterId: submission.matterId,
    catalogVersion: SEED_CATALOG.version,
    intakeRegion,
    handlingRegion: options.handlingRegion ?? SERVER_REGION,
    intakePlace: { deviceName: '共青城市政务服务中心 3号窗口', hall: '共青城市政务服务中心', window: '03' },
    applicant: submission.applicant,
    agent: null,
    priority: false,
    formData: submission.formData,
    language: submission.language,
    deadlines: { promised: '2027-01-30', statutory: null, provisional: false },
  };
  const materials: MaterialsCheckedPayload = {
    materials: submission.materials,
    scans: submission.scans.map((scan) => ({ ...scan, mediaType: 'image/png' })),
  };
  const actor = { userId: 'clerk-1', role: options.role ?? ('intake_clerk' as const) };
  const base = { caseId, actor, deviceId: 'local-device-1', occurredAt: at.toISOString() };
  return {
    caseId,
    submission,
    received: wire({ ...base, eventId: uuidv7(), type: 'case.received', payload: received }),
    materials: wire(
      { ...base, eventId: uuidv7(), type: 'case.materials_checked', payload: materials },
      submission.scans.map((s) => s.sha256),
    ),
  };
}
