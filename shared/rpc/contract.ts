// The RPC contract between the UI and the backend, declared once. Each domain
// declares its methods and their schemas in methods/; this index assembles
// them into the one contract. The backend implements exactly these methods,
// the preload and the browser-mode loader expose exactly these, and both
// transports validate against these schemas.
import { z } from 'zod';
import { accountMethods } from './methods/accounts.ts';
import { applicantScreenMethods } from './methods/applicant-screen.ts';
import { auditMethods } from './methods/audit.ts';
import { backupMethods } from './methods/backup.ts';
import { caseActionMethods } from './methods/case-actions.ts';
import { caseMethods } from './methods/cases.ts';
import { catalogMethods } from './methods/catalog.ts';
import type { MethodSpec } from './methods/common.ts';
import { commitmentMethods } from './methods/commitments.ts';
import { dayCloseMethods } from './methods/day-close.ts';
import { deviceMethods } from './methods/device.ts';
import { peripheralMethods } from './methods/devices.ts';
import { documentCameraMethods } from './methods/document-camera.ts';
import { idCardMethods } from './methods/id-card.ts';
import { privacyMethods } from './methods/privacy.ts';
import { rectificationMethods } from './methods/rectifications.ts';
import { intakeMethods } from './methods/intake.ts';
import { paperworkMethods } from './methods/paperwork.ts';
import { scanMethods } from './methods/scans.ts';
import { supervisionMethods } from './methods/supervision.ts';
import { remoteStatusSchema, syncMethods } from './methods/sync.ts';
import { languageResult, systemMethods } from './methods/system.ts';

export type { MethodSpec } from './methods/common.ts';
export { accountMethods, sessionInfoSchema, userSchema, type SessionInfo, type User } from './methods/accounts.ts';
export { applicantScreenMethods } from './methods/applicant-screen.ts';
export { auditMethods } from './methods/audit.ts';
export { backupMethods } from './methods/backup.ts';
export {
  caseActionMethods,
  PRINT_OUTCOMES,
  PRINTED_DOCUMENTS,
  RECORDABLE_EVENTS,
  type PrintedDocument,
  type PrintOutcome,
  type RecordableEventType,
} from './methods/case-actions.ts';
export {
  caseDetailSchema,
  caseListInput,
  caseMethods,
  caseRowSchema,
  REVEALABLE_FIELDS,
  timelineEntrySchema,
  type CaseDetail,
  type CaseRow,
} from './methods/cases.ts';
export { catalogMethods } from './methods/catalog.ts';
export {
  caseCommitmentSchema,
  commitmentMethods,
  openCommitmentSchema,
  type CaseCommitment,
  type OpenCommitment,
} from './methods/commitments.ts';
export { dayCloseMethods } from './methods/day-close.ts';
export { deviceMethods, deviceSchema, type Device } from './methods/device.ts';
export { peripheralMethods } from './methods/devices.ts';
export { documentCameraMethods, documentCameraSchema, type DocumentCamera } from './methods/document-camera.ts';
export { chipIdentitySchema, idCardMethods, type ChipIdentity, type IdCardReaderSetting } from './methods/id-card.ts';
export { privacyMethods } from './methods/privacy.ts';
export { rectificationMethods } from './methods/rectifications.ts';
export { draftSchema, intakeMethods, type Draft } from './methods/intake.ts';
export { paperworkMethods } from './methods/paperwork.ts';
export {
  MAX_SCAN_BYTES,
  SCAN_CHUNK_BYTES,
  SCAN_MEDIA_TYPES,
  scanMediaTypeSchema,
  scanMethods,
  scanSchema,
  type Scan,
} from './methods/scans.ts';
export { supervisionMethods } from './methods/supervision.ts';
export { quarantineEntrySchema, remoteStatusSchema, syncMethods, type RemoteStatus } from './methods/sync.ts';
export {
  healthSchema,
  KEY_STORE_KINDS,
  keyStoreSchema,
  systemMethods,
  type Health,
  type KeyStore,
} from './methods/system.ts';

export const methods = {
  ...systemMethods,
  ...accountMethods,
  ...deviceMethods,
  ...catalogMethods,
  ...intakeMethods,
  ...scanMethods,
  ...caseMethods,
  ...caseActionMethods,
  ...syncMethods,
  ...supervisionMethods,
  ...dayCloseMethods,
  ...auditMethods,
  ...peripheralMethods,
  ...backupMethods,
  ...commitmentMethods,
  ...privacyMethods,
  ...paperworkMethods,
  ...documentCameraMethods,
  ...rectificationMethods,
  ...idCardMethods,
  ...applicantScreenMethods,
} as const satisfies Record<string, MethodSpec>;

/** Calls that wait on a person, longer than the client's usual limit: a collector signing on the pad. */
export const SLOW_METHODS: Partial<Record<MethodName, number>> = {
  'devices.captureSignature': 160_000,
  'paperwork.signForm': 160_000,
  // The reader's own deadline, then the photo decoder's.
  'devices.readIdCard': 20_000,
};

export const events = {
  'settings.languageChanged': languageResult,
  'cases.changed': z.object({ caseIds: z.array(z.string()) }),
  'sync.changed': z.object({ remotes: z.array(remoteStatusSchema) }),
  // Sent only to the screens that carried the session, the moment its idle time is up.
  'session.locked': z.object({ at: z.string() }),
  // The applicant's screen or the clerk's side of it changed: each reads its side again.
  'applicantScreen.changed': z.object({ pairingId: z.string() }),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof methods;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
