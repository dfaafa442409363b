// The RPC contract between the UI and the backend, declared once. The backend
// implements exactly these methods, the preload and the browser-mode loader
// expose exactly these, and both transports validate against these schemas.
import { z } from 'zod';
import { roleSchema, type MethodPermission } from '../auth/permissions.ts';
import { authoritySchema, catalogSchema, calendarYearSchema, matterSchema } from '../catalog/index.ts';
import { EVENT_PAYLOADS, type EventType } from '../case/events.ts';
import { intakeSubmissionSchema, sha256Schema } from '../case/intake.ts';
import { caseStatusSchema, subStateSchema, syncStateSchema } from '../case/status.ts';
import { identityKindSchema } from '../identity/validate.ts';
import { languageSchema } from '../languages.ts';
import {
  auditChainSchema,
  auditEntrySchema,
  auditFilter,
  auditUserSchema,
  closeCommentSchema,
  closePreviewSchema,
  consultationInput,
  consultationSchema,
  dayCloseSchema,
  EXPORT_FORMATS,
  exportFileSchema,
  ledgerFilter,
  ledgerSchema,
  statsInput,
  statsSchema,
  warningsSchema,
  warningThresholdsSchema,
} from '../supervision/schemas.ts';

export interface MethodSpec<P extends string = MethodPermission> {
  readonly permission: P;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

const noInput = z.object({}).strict();
/** What is printed for a case: the intake receipt, the handling place's notices, the result collection slip. */
export const PRINTED_DOCUMENTS = [
  'receipt', // 收件回执
  'acceptance_notice', // 受理通知书
  'refusal_notice', // 不予受理通知书
  'correction_notice', // 补正材料通知书
  'collection_slip', // 结果领取单
] as const;
export type PrintedDocument = (typeof PRINTED_DOCUMENTS)[number];

/** Every event but the two intake.submit makes with the case. */
export const RECORDABLE_EVENTS = (Object.keys(EVENT_PAYLOADS) as EventType[]).filter(
  (type) => type !== 'case.received' && type !== 'case.materials_checked',
) as [EventType, ...EventType[]];
const ok = z.object({ ok: z.literal(true) });
const regionCode = z.string().regex(/^\d{6}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1).max(64);

export const healthSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  databaseFile: z.string(),
  sqliteVersion: z.string(),
  nodeVersion: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

const languageResult = z.object({ language: languageSchema });

export const deviceSchema = z.object({
  deviceId: z.string(),
  name: z.string().trim().min(1).max(60),
  regionCode,
  hall: z.string().trim().min(1).max(60),
  windowNo: z.string().regex(/^\d{2}$/),
  idleLockMinutes: z.number().int().min(1).max(240),
  // The desktop app prints receipts here silently; null: the system's default printer.
  receiptPrinter: z.string().trim().min(1).max(200).nullable(),
});
export type Device = z.infer<typeof deviceSchema>;
const deviceInput = deviceSchema.pick({ name: true, regionCode: true, hall: true, windowNo: true });

const username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);
const password = z.string().min(8).max(200);
const displayName = z.string().trim().min(1).max(60);

export const userSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  locked: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const sessionInfoSchema = z.object({
  token: z.string(),
  user: userSchema,
  permissions: z.array(z.string()),
  device: deviceSchema,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const draftSchema = z.object({
  draftId: z.string(),
  updatedAt: z.string(),
  // The wizard's own state; the backend stores it encrypted and does not read it.
  state: z.record(z.string(), z.unknown()),
});
export type Draft = z.infer<typeof draftSchema>;

export const SCAN_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const scanMediaTypeSchema = z.enum(SCAN_MEDIA_TYPES);
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;
export const SCAN_CHUNK_BYTES = 512 * 1024;

export const scanSchema = z.object({
  sha256: sha256Schema,
  mediaType: scanMediaTypeSchema,
  size: z.number().int(),
  thumbnailSha256: sha256Schema.nullable(),
});
export type Scan = z.infer<typeof scanSchema>;

const signaturePadSchema = z.object({ configured: z.boolean(), url: z.string().nullable() });

export const caseRowSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  matterId: z.string(),
  status: caseStatusSchema,
  subState: subStateSchema,
  syncState: syncStateSchema,
  applicantName: z.string(), // masked
  applicantId: z.string(), // masked
  applicantIdKind: identityKindSchema,
  priority: z.boolean(),
  receivedAt: z.string(),
  // null: taken in at the other place.
  clerk: z.string().nullable(),
  handlingRegion: regionCode,
  intakeRegion: regionCode,
  // intake: taken in at this window; inbox: arrived for this acceptance desk.
  origin: z.enum(['intake', 'inbox']),
  promisedDeadline: isoDate.nullable(),
  statutoryDeadline: isoDate.nullable(),
  deadlineProvisional: z.boolean(),
  clockState: z.enum(['not_started', 'running', 'paused', 'stopped']),
  // yellow: 3 working days or fewer left; red: overdue.
  mark: z.enum(['none', 'yellow', 'red']),
  // 好差评, once given: 1–2 is a bad rating for the supervisor to follow up.
  evaluation: z.number().int().min(1).max(5).nullable(),
  // Notes from others this user has not opened yet.
  unreadNotes: z.number().int(),
  // No exchange server is configured for the handling region yet: the case waits on this device.
  noRoute: z.boolean(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const caseListInput = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: caseStatusSchema.optional(),
  matterId: z.string().optional(),
  syncState: syncStateSchema.optional(),
  origin: z.enum(['intake', 'inbox']).optional(),
  // A case number, an exact ID number, or the start of a name.
  query: z.string().trim().max(60).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const timelineEntrySchema = z.object({
  eventId: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  // null: someone at the partner region, whose staff list this device does not hold.
  actor: z.string().nullable(),
  role: roleSchema,
  syncedAt: z.string().nullable(),
  // The event's payload, personal data in it masked (a collector's name and ID).
  details: z.record(z.string(), z.unknown()),
});

const maskedPerson = z.object({
  name: z.string(),
  idKind: identityKindSchema,
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  // ISO 3166-1 alpha-3; not masked: it identifies no one.
  nationality: z.string().nullable(),
});

/** A deadline of the case clock: remainingDays counts in the clock's unit. */
const clockDeadline = z.object({ date: isoDate, remainingDays: z.number().int(), onTime: z.boolean().optional() });

export const caseDetailSchema = z.object({
  row: caseRowSchema,
  catalogVersion: z.string(),
  intakeRegion: regionCode,
  intakePlace: z.object({ deviceName: z.string(), hall: z.string(), window: z.string() }),
  applicant: maskedPerson,
  agent: maskedPerson.extend({ powerOfAttorney: z.string().nullable() }).nullable(),
  formData: z.record(z.string(), z.union([z.string(), z.number()])),
  materials: z.array(z.record(z.string(), z.unknown())),
  // held: the file is on this device; a scan of a case from elsewhere is false until it has been fetched.
  scans: z.array(
    z.object({ sha256: sha256Schema, materialId: z.string().nullable(), mediaType: z.string(), held: z.boolean() }),
  ),
  language: languageSchema,
  contentHash: z.string(),
  clock: z
    .object({
      state: z.enum(['not_started', 'running', 'paused', 'stopped']),
      unit: z.enum(['working_days', 'calendar_days']),
      startDay: isoDate,
      promised: clockDeadline.nullable(),
      statutory: clockDeadline.nullable(),
      acceptanceDecision: clockDeadline.nullable(),
      pausedDays: z.number().int(),
      extendedBy: z.number().int(),
      mark: z.enum(['none', 'yellow', 'red']),
      provisional: z.boolean(),
    })
    .nullable(),
  timeline: z.array(timelineEntrySchema),
  nextActions: z.array(z.string()),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const REVEALABLE_FIELDS = [
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.address',
  'agent.name',
  'agent.idNumber',
  'agent.phone',
] as const;

export const remoteStatusSchema = z.object({
  remoteId: z.string(),
  regionCode: regionCode,
  name: z.string().nullable(),
  url: z.string().nullable(),
  enrolled: z.boolean(),
  online: z.boolean().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  queueDepth: z.number().int(),
  // The cases those events belong to.
  queuedCases: z.number().int(),
  oldestQueuedAt: z.string().nullable(),
  blobsLeft: z.number().int(),
  bytesLeft: z.number().int(),
  quarantined: z.number().int(),
  sending: z.object({ done: z.number(), total: z.number() }).nullable(),
});
export type RemoteStatus = z.infer<typeof remoteStatusSchema>;

export const quarantineEntrySchema = z.object({
  eventId: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  eventType: z.string(),
  regionCode: regionCode,
  reason: z.string(),
  detail: z.string().nullable(),
  winner: z.object({ eventId: z.string(), type: z.string() }).nullable(),
  quarantinedAt: z.string(),
});

export const methods = {
  'system.health': { permission: 'public', input: noInput, output: healthSchema },
  // The UI language is a device preference, needed before anyone logs in.
  'settings.getLanguage': { permission: 'public', input: noInput, output: languageResult },
  'settings.setLanguage': { permission: 'public', input: languageResult.strict(), output: languageResult },

  'setup.status': {
    permission: 'public',
    input: noInput,
    output: z.object({ setUp: z.boolean() }),
  },
  // First run only: the device and its administrator, who is then logged in.
  'setup.initialize': {
    permission: 'public',
    input: z.object({
      device: deviceInput,
      admin: z.object({ username, displayName, password }),
    }),
    output: sessionInfoSchema,
  },

  'auth.login': {
    permission: 'public',
    input: z.object({ username: z.string().max(40), password: z.string().max(200) }),
    output: sessionInfoSchema,
  },
  // The session this call carries, or null.
  'auth.current': { permission: 'public', input: noInput, output: sessionInfoSchema.nullable() },
  'auth.unlock': {
    permission: 'public',
    input: z.object({ password: z.string().max(200) }),
    output: sessionInfoSchema,
  },
  'auth.logout': { permission: 'session.own', input: noInput, output: ok },
  // The user is at the keyboard: keeps the idle lock away.
  'auth.heartbeat': { permission: 'session.own', input: noInput, output: ok },
  'auth.changePassword': {
    permission: 'session.own',
    input: z.object({ current: z.string().max(200), next: password }),
    output: ok,
  },

  'users.list': { permission: 'users.manage', input: noInput, output: z.array(userSchema) },
  'users.create': {
    permission: 'users.manage',
    input: z.object({ username, displayName, password, roles: z.array(roleSchema).min(1) }),
    output: userSchema,
  },
  'users.update': {
    permission: 'users.manage',
    input: z.object({
      userId: id,
      displayName: displayName.optional(),
      roles: z.array(roleSchema).min(1).optional(),
      active: z.boolean().optional(),
    }),
    output: userSchema,
  },
  'users.resetPassword': { permission: 'users.manage', input: z.object({ userId: id, password }), output: userSchema },

  'device.get': { permission: 'session.own', input: noInput, output: deviceSchema },
  'device.update': {
    permission: 'device.manage',
    input: deviceInput.partial().extend({
      idleLockMinutes: z.number().int().min(1).max(240).optional(),
      receiptPrinter: z.string().trim().min(1).max(200).nullable().optional(),
    }),
    output: deviceSchema,
  },

  // One catalog per partner region whose matters this window takes in.
  'catalog.list': { permission: 'catalog.read', input: noInput, output: z.array(catalogSchema) },
  'catalog.search': {
    permission: 'catalog.read',
    input: z.object({ query: z.string().max(60) }),
    output: z.array(matterSchema),
  },
  'calendar.list': { permission: 'catalog.read', input: noInput, output: z.array(calendarYearSchema) },
  // A calendar file (JSON text), e.g. next year's State Council arrangement.
  // A catalog file replaces the installed catalog of its issuer (with the authorities it lists).
  'catalog.import': {
    permission: 'catalog.import',
    input: z.object({ fileText: z.string().max(5_000_000) }),
    output: z.object({ issuer: z.string(), version: z.string(), matters: z.number().int() }),
  },
  'calendar.import': {
    permission: 'catalog.import',
    input: z.object({ fileText: z.string().max(1_000_000) }),
    output: z.object({ years: z.array(z.number().int()) }),
  },
  // The register of authorities (办理机关) that issue and seal the notices, per region and category of matter.
  'authorities.list': { permission: 'catalog.read', input: noInput, output: z.array(authoritySchema) },
  'authorities.save': { permission: 'catalog.import', input: authoritySchema, output: authoritySchema },
  'authorities.remove': {
    permission: 'catalog.import',
    input: authoritySchema.pick({ region: true, category: true }),
    output: ok,
  },
  // A catalog file (JSON text) whose `authorities` join the register.
  'authorities.import': {
    permission: 'catalog.import',
    input: z.object({ fileText: z.string().max(5_000_000) }),
    output: z.object({ count: z.number().int() }),
  },

  'drafts.list': { permission: 'intake.create', input: noInput, output: z.array(draftSchema) },
  'drafts.save': {
    permission: 'intake.create',
    input: z.object({ draftId: z.uuid(), state: z.record(z.string(), z.unknown()) }),
    output: draftSchema,
  },
  'drafts.discard': { permission: 'intake.create', input: z.object({ draftId: z.uuid() }), output: ok },

  // Scans arrive in chunks, so a large file shows progress and a bad one is refused early.
  'scans.begin': {
    permission: 'scans.upload',
    input: z.object({ mediaType: z.string().max(100), size: z.number().int().min(0) }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  },
  'scans.chunk': {
    permission: 'scans.upload',
    input: z.object({ uploadId: id, index: z.number().int().min(0), data: z.string().max(SCAN_CHUNK_BYTES * 2) }),
    output: z.object({ received: z.number().int() }),
  },
  'scans.finish': {
    permission: 'scans.upload',
    input: z.object({ uploadId: id, thumbnail: z.string().max(400_000).nullable() }),
    output: scanSchema,
  },
  // The bytes of a scan or thumbnail (base64); a full scan is an audited reveal.
  'scans.get': {
    permission: 'personal.reveal',
    input: z.object({ sha256: sha256Schema, caseId: id.nullable() }),
    output: z.object({ mediaType: z.string(), data: z.string() }),
  },
  'scans.thumbnail': {
    permission: 'cases.read',
    input: z.object({ sha256: sha256Schema }),
    output: z.object({ data: z.string().nullable() }),
  },

  'intake.submit': {
    permission: 'intake.create',
    input: intakeSubmissionSchema,
    output: z.object({ caseId: z.string(), caseNo: z.string() }),
  },

  'cases.list': {
    permission: 'cases.read',
    input: caseListInput,
    // total counts matches up to a cap; totalCapped says there are more.
    output: z.object({ rows: z.array(caseRowSchema), total: z.number().int(), totalCapped: z.boolean() }),
  },
  'cases.get': { permission: 'cases.read', input: z.object({ caseId: id }), output: caseDetailSchema },
  // The full value of one personal field: permissioned and audited.
  'cases.reveal': {
    permission: 'personal.reveal',
    input: z.object({ caseId: id, field: z.enum(REVEALABLE_FIELDS) }),
    output: z.object({ value: z.string() }),
  },
  // Anything recorded on a case after intake: the payload is the event type's (shared/case/events.ts).
  'cases.record': {
    permission: 'cases.record',
    input: z.object({
      caseId: id,
      type: z.enum(RECORDABLE_EVENTS),
      payload: z.unknown(),
    }),
    output: z.object({ eventId: z.string(), status: caseStatusSchema }),
  },
  // Printing a receipt is recorded (who, when, which case).
  'cases.recordPrint': {
    permission: 'cases.read',
    input: z.object({ caseId: id, document: z.enum(PRINTED_DOCUMENTS), output: z.enum(['printer', 'pdf']) }),
    output: ok,
  },

  'sync.status': { permission: 'sync.read', input: noInput, output: z.array(remoteStatusSchema) },
  // A partner region's exchange server: its address and the one-time code its administrator gave.
  'sync.addRemote': {
    permission: 'sync.manage',
    input: z.object({
      url: z.url({ protocol: /^https?$/ }).max(300),
      code: z.string().trim().min(8).max(64),
      name: z.string().trim().min(1).max(60),
    }),
    output: remoteStatusSchema,
  },
  'sync.now': { permission: 'sync.read', input: noInput, output: ok },
  'sync.quarantine': { permission: 'sync.read', input: noInput, output: z.array(quarantineEntrySchema) },

  // 咨询: logged by whoever answered it, on today's ledger.
  'consultations.log': { permission: 'consultations.log', input: consultationInput, output: consultationSchema },

  // 台账: every case touched on this device that day and every consultation. unmasked needs personal.export (audited).
  'supervision.ledger': {
    permission: 'supervision.read',
    input: ledgerFilter.extend({ unmasked: z.boolean().default(false) }),
    output: ledgerSchema,
  },
  'supervision.exportLedger': {
    permission: 'supervision.read',
    input: ledgerFilter.extend({ format: z.enum(EXPORT_FORMATS), unmasked: z.boolean().default(false) }),
    output: exportFileSchema,
  },
  // The ledger printed as PDF or on paper: recorded like every print.
  'supervision.recordLedgerPrint': {
    permission: 'supervision.read',
    input: z.object({ day: isoDate, output: z.enum(['printer', 'pdf']), unmasked: z.boolean() }),
    output: ok,
  },
  'supervision.warnings': { permission: 'supervision.read', input: noInput, output: warningsSchema },
  'supervision.setThresholds': {
    permission: 'supervision.close',
    input: warningThresholdsSchema,
    output: warningThresholdsSchema,
  },
  'supervision.stats': { permission: 'supervision.read', input: statsInput, output: statsSchema },
  'supervision.exportStats': {
    permission: 'supervision.read',
    input: statsInput.extend({ format: z.enum(EXPORT_FORMATS) }),
    output: exportFileSchema,
  },
  // 日结: the day's summary and the warnings to answer before it is signed.
  'supervision.closePreview': {
    permission: 'supervision.close',
    input: z.object({ day: isoDate }),
    output: closePreviewSchema,
  },
  'supervision.closeDay': {
    permission: 'supervision.close',
    input: z.object({ day: isoDate, comments: z.array(closeCommentSchema).max(1000) }),
    output: dayCloseSchema,
  },
  // Closed days, newest first, each checked against the hash it was signed with.
  'supervision.closedDays': {
    permission: 'supervision.read',
    input: z.object({ limit: z.number().int().min(1).max(366).default(30) }),
    output: z.array(dayCloseSchema),
  },

  'audit.list': {
    permission: 'audit.read',
    input: auditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      rows: z.array(auditEntrySchema),
      total: z.number().int(),
      chain: auditChainSchema,
      users: z.array(auditUserSchema),
    }),
  },
  'audit.export': {
    permission: 'audit.read',
    input: auditFilter.extend({ format: z.enum(EXPORT_FORMATS) }),
    output: exportFileSchema,
  },

  // The window's signature pad (a loopback HTTP service): set up by the administrator, used for the collector's signature.
  // Whether the window has a pad: the clerk's pickup form and the administrator's settings both ask.
  'devices.signaturePad': { permission: 'session.own', input: noInput, output: signaturePadSchema },
  'devices.setSignaturePad': {
    permission: 'device.manage',
    // null turns the pad off; an address off this machine is refused (signature_pad_not_local).
    input: z.object({
      url: z
        .url({ protocol: /^http$/ })
        .max(200)
        .nullable(),
    }),
    output: signaturePadSchema,
  },
  // Opens the signing window with the prompt and stores the PNG it returns, as a scan a case event can refer to.
  'devices.captureSignature': {
    permission: 'scans.upload',
    input: z.object({ prompt: z.string().trim().max(100) }),
    output: scanSchema,
  },
} as const satisfies Record<string, MethodSpec>;

/** Calls that wait on a person, longer than the client's usual limit: a collector signing on the pad. */
export const SLOW_METHODS: Partial<Record<MethodName, number>> = { 'devices.captureSignature': 160_000 };

export const events = {
  'settings.languageChanged': languageResult,
  'cases.changed': z.object({ caseIds: z.array(z.string()) }),
  'sync.changed': z.object({ remotes: z.array(remoteStatusSchema) }),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof methods;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
