// What the RPC handlers work with: the backend's services, built once over
// the device database, and the few things a handler does beyond a service
// call: tell the screens (emit), write in one transaction, wake the sync.
import { createPublicKey } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { EventName, EventPayload, KeyStore, MethodSpec } from '../../../shared/rpc/contract.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { DocumentCameraChoice } from '../devices/document-camera.ts';
import { SignatureCapture } from '../devices/signature-capture.ts';
import { IdCardService } from '../devices/id-card/id-card-service.ts';
import { ApplicantScreen } from '../services/applicant-screen.ts';
import { AuditLog } from '../services/audit-log.ts';
import type { Handlers } from '../rpc/dispatcher.ts';
import { AuthService, type UserSession } from '../services/auth.ts';
import { AuthorityRegister } from '../services/authorities.ts';
import { BackupService } from '../services/backup/service.ts';
import { BlobStore } from '../services/blobs.ts';
import { CaseActions } from '../services/case-actions.ts';
import { CaseClocks } from '../services/case-clock.ts';
import { CaseQueries } from '../services/cases.ts';
import { CatalogService } from '../services/catalog.ts';
import { Commitments } from '../services/commitments.ts';
import { bindChainKeys } from '../services/chain-keys.ts';
import { rekeyLegacyChains } from '../services/chain-rekey.ts';
import { DayCloses } from '../services/day-close.ts';
import { ownKeyPair } from '../services/day-close-signature.ts';
import { DeviceRecord } from '../services/device.ts';
import { Drafts } from '../services/drafts.ts';
import { IntakeService } from '../services/intake.ts';
import { KeyStoreStatus } from '../services/key-store.ts';
import { LanguagePreference } from '../services/language.ts';
import { PrivacySettingsStore } from '../services/privacy-settings.ts';
import { OneTimeNotices } from '../services/one-time-notices.ts';
import { Quarantine } from '../services/quarantine.ts';
import { Rectifications } from '../services/rectifications.ts';
import { RemoteEnrollment } from '../services/remotes.ts';
import { ReportTables } from '../services/report-tables.ts';
import { DeviceSetup } from '../services/setup.ts';
import { Supervision } from '../services/supervision.ts';
import { SystemInfo } from '../services/system.ts';
import { transaction } from '../services/transaction.ts';
import { UserAccounts } from '../services/users.ts';
import type { AnchorCheck } from '../../../shared/rpc/methods/day-close.ts';
import { checkAnchors } from '../sync/anchors.ts';
import { SyncEngine } from '../sync/engine.ts';
import { deviceKeyPair } from '../sync/signing.ts';

/** A domain's handlers: those of its non-public methods run only for a signed-in user. */
export type DomainHandlers<C extends Record<string, MethodSpec<string>>> = Handlers<C, UserSession>;

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface HandlerContext {
  readonly system: SystemInfo;
  readonly keyStore: KeyStoreStatus;
  readonly language: LanguagePreference;
  readonly setup: DeviceSetup;
  readonly auth: AuthService;
  readonly users: UserAccounts;
  readonly device: DeviceRecord;
  readonly catalog: CatalogService;
  readonly authorities: AuthorityRegister;
  readonly clocks: CaseClocks;
  readonly drafts: Drafts;
  readonly intake: IntakeService;
  readonly blobs: BlobStore;
  readonly cases: CaseQueries;
  readonly commitments: Commitments;
  readonly actions: CaseActions;
  readonly remotes: RemoteEnrollment;
  readonly quarantine: Quarantine;
  readonly sync: SyncEngine;
  readonly supervision: Supervision;
  readonly dayCloses: DayCloses;
  /** Closed days against the exchange servers' anchors. */
  readonly anchors: { check(limit: number): Promise<AnchorCheck> };
  readonly reportTables: ReportTables;
  readonly auditLog: AuditLog;
  readonly signatures: SignatureCapture;
  /** The document camera (高拍仪) chosen at this window. */
  readonly documentCamera: DocumentCameraChoice;
  /** The ID-card reader, and each clerk's last card read. */
  readonly idCards: IdCardService;
  /** 一次性告知单, recorded on their consultations. */
  readonly oneTimeNotices: OneTimeNotices;
  readonly backup: BackupService;
  /** The privacy notice's retention period and contact. */
  readonly privacy: PrivacySettingsStore;
  /** 差评整改: the items bad ratings open. */
  readonly rectifications: Rectifications;
  /** The applicant's screen paired with an intake in progress (in memory). */
  readonly applicantScreen: ApplicantScreen;
  /** Ends this backend so its host starts it again (a staged restore is applied at start). */
  readonly restart: () => void;
  /** Sends an event to every connected screen. */
  readonly emit: Emit;
  transaction<T>(work: () => T): T;
  /** A case was written here: the screens hear of it and the sync sends it. */
  caseWritten(caseId: string): void;
}

export interface ContextOptions {
  db: DatabaseSync;
  /** The database's file, reported by system.health. */
  file: string;
  dataDir: string;
  appVersion: string;
  keys: DeviceKeys;
  /** What the keys derive from: a backup carries it, wrapped under the recovery passphrase. */
  masterKey: Buffer;
  /** Ends the backend so its host starts it again; none where nothing restarts it. */
  restart?: () => void;
  emit: Emit;
  /** What sealed the master key, as the host reports it; absent: a key file (browser mode, tests). */
  keyStore?: KeyStore;
  /** Replaces the device's idle time (browser mode and tests only). */
  idleLockMs?: number;
  /** A session locked by its idle deadline; the backend tells the screens that carried it. */
  onSessionLocked?: (tokenHash: string) => void;
}

export interface BuiltContext {
  context: HandlerContext;
  /** Stops the sync engine and the pending status event; the database stays open. */
  stop(): void;
}

export function createHandlerContext({
  db,
  file,
  dataDir,
  appVersion,
  keys,
  masterKey,
  restart,
  emit,
  keyStore = { kind: 'key_file', backend: 'file', acceptedAt: null },
  idleLockMs,
  onSessionLocked,
}: ContextOptions): BuiltContext {
  const inTransaction = <T>(work: () => T): T => transaction(db, work);
  // Before anything writes a link: the chains are keyed, and legacy links re-made once.
  bindChainKeys(db, keys);
  // A locked session's applicant screen ends with it; created before auth, which reports locks.
  let applicantScreen: ApplicantScreen | null = null;
  const auth = new AuthService(db, {
    idleLockMs,
    onLocked: (tokenHash) => {
      applicantScreen?.pairings.endSession(tokenHash);
      onSessionLocked?.(tokenHash);
    },
  });
  const catalog = new CatalogService(db);
  const blobs = new BlobStore(db, dataDir, keys.blobs);
  const clocks = new CaseClocks(db, keys, catalog);
  inTransaction(() => clocks.recountUnits());
  const deviceKey = ownKeyPair(deviceKeyPair(db, keys.fields));
  rekeyLegacyChains(db, deviceKey.privateKey);
  const supervision = new Supervision(db, keys, catalog, clocks);
  const device = new DeviceRecord(db);
  const keyStoreStatus = new KeyStoreStatus(db, keyStore);
  inTransaction(() => keyStoreStatus.recordAcceptance());
  const backup = new BackupService({ db, dataDir, masterKey, keys });
  backup.startSchedule();

  let statusTimer: ReturnType<typeof setTimeout> | null = null;
  // Progress comes chunk by chunk; the UI hears of it a few times a second.
  const statusChanged = (): void => {
    statusTimer ??= setTimeout(() => {
      statusTimer = null;
      emit('sync.changed', { remotes: sync.status() });
    }, 250);
  };
  const sync = new SyncEngine({
    db,
    keys,
    blobs,
    deviceKey,
    // Pulled events move clocks too: the columns follow before the screens hear of it.
    onCasesChanged: (caseIds) => {
      inTransaction(() => caseIds.forEach((caseId) => clocks.refresh(caseId)));
      emit('cases.changed', { caseIds });
    },
    onStatus: statusChanged,
  });

  const actions = new CaseActions(db, keys, catalog, blobs, clocks);
  const privacy = new PrivacySettingsStore(db);
  const authorities = new AuthorityRegister(db);
  const caseWritten = (caseId: string): void => {
    emit('cases.changed', { caseIds: [caseId] });
    statusChanged();
    sync.kick();
  };
  applicantScreen = new ApplicantScreen(
    { db, catalog, device, privacy, authorities, actions, caseWritten },
    { onChange: (pairingId) => emit('applicantScreen.changed', { pairingId }) },
  );

  const context: HandlerContext = {
    system: new SystemInfo(db, file, appVersion),
    keyStore: keyStoreStatus,
    language: new LanguagePreference(db),
    setup: new DeviceSetup(db, auth),
    auth,
    users: new UserAccounts(db, auth),
    device,
    catalog,
    authorities,
    clocks,
    drafts: new Drafts(db, keys),
    intake: new IntakeService(db, keys, catalog, blobs),
    blobs,
    cases: new CaseQueries(db, keys, catalog, clocks),
    commitments: new Commitments(db),
    actions,
    remotes: new RemoteEnrollment(db, deviceKey),
    quarantine: new Quarantine(db),
    sync,
    supervision,
    dayCloses: new DayCloses(db, keys, supervision, deviceKey),
    anchors: { check: (limit) => checkAnchors(db, deviceKey, limit) },
    reportTables: new ReportTables(catalog),
    auditLog: new AuditLog(db, createPublicKey(deviceKey.privateKey)),
    signatures: new SignatureCapture(db, blobs),
    documentCamera: new DocumentCameraChoice(db),
    idCards: new IdCardService(db),
    oneTimeNotices: new OneTimeNotices(db, keys, catalog, () => device.read()?.hall ?? ''),
    backup,
    rectifications: new Rectifications(db, keys, catalog),
    privacy,
    applicantScreen,
    restart: restart ?? (() => undefined),
    emit,
    transaction: inTransaction,
    caseWritten,
  };
  return {
    context,
    stop() {
      sync.stop();
      auth.stopIdle();
      backup.stop();
      if (statusTimer) clearTimeout(statusTimer);
    },
  };
}
