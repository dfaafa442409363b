// The backend: one database connection, the services, the RPC handlers and
// the event bus. It knows nothing of how it is reached; transports hand it
// frame channels.
import { join } from 'node:path';
import type { Session } from '../../shared/auth/permissions.ts';
import { searchMatters } from '../../shared/catalog/index.ts';
import { uuidv7 } from '../../shared/case/uuid.ts';
import { DEFAULT_LANGUAGE, languageSchema } from '../../shared/languages.ts';
import { events, methods, type EventName, type EventPayload } from '../../shared/rpc/contract.ts';
import { encodeFrame, rejected, RpcError, type FrameChannel } from '../../shared/rpc/framing.ts';
import { decryptText, encryptText } from './crypto/fields.ts';
import { deriveKeys } from './crypto/keys.ts';
import { SignatureCapture } from './devices/signature-capture.ts';
import { log } from './log.ts';
import { createDispatcher, serveChannel, type CallContext, type Handlers } from './rpc/dispatcher.ts';
import { audit, checkAuditChain, listAudit } from './services/audit.ts';
import { AuthService, hashPassword, toUser, type UserSession } from './services/auth.ts';
import { BlobStore } from './services/blobs.ts';
import { CaseActions } from './services/case-actions.ts';
import { CaseClocks } from './services/case-clock.ts';
import { CaseQueries } from './services/cases.ts';
import { AuthorityRegister } from './services/authorities.ts';
import { CatalogService } from './services/catalog.ts';
import { DayCloses } from './services/day-close.ts';
import { exportFile } from './services/exports.ts';
import { ReportTables } from './services/report-tables.ts';
import { Supervision } from './services/supervision.ts';
import { localDay } from './services/case-events.ts';
import { readDevice } from './services/device.ts';
import { IntakeService } from './services/intake.ts';
import { openDatabase } from './store/database.ts';
import { SyncEngine } from './sync/engine.ts';
import { enroll, RemoteError } from './sync/remote-client.ts';
import { deviceKeyPair } from './sync/signing.ts';
import { userVersion } from './store/migrate.ts';
import { getSetting, setSetting } from './store/settings.ts';

export interface BackendOptions {
  dataDir: string;
  appVersion: string;
  /** 32 bytes: from safeStorage via main in Electron, from a key file otherwise. */
  masterKey: Buffer;
}

export interface Backend {
  /** Serves the RPC on a channel and sends it the backend's events. */
  connect(channel: FrameChannel): void;
  /** The network came back or the machine woke: sync at once. */
  wake(): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): void;
}

export const DATABASE_FILE_NAME = 'tongban.sqlite';

type Ctx = CallContext<Session | UserSession>;

/** Non-public methods only run with a user session; this gives it its type. */
function user(ctx: Ctx): UserSession {
  if (!('roles' in ctx.session)) throw new RpcError({ code: 'UNAUTHENTICATED', message: 'Please log in.' });
  return ctx.session;
}

export function createBackend(options: BackendOptions): Backend {
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const { db, migration } = openDatabase(file);
  if (migration.from !== migration.to) log.info('store.migrated', { ...migration });
  const keys = deriveKeys(options.masterKey);
  const startedAt = new Date().toISOString();
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const channels = new Set<FrameChannel>();

  const auth = new AuthService(db);
  const catalog = new CatalogService(db);
  const authorities = new AuthorityRegister(db);
  const blobs = new BlobStore(db, options.dataDir, keys.blobs);
  const intake = new IntakeService(db, keys, catalog, blobs);
  const clocks = new CaseClocks(db, keys, catalog);
  transaction(() => clocks.recountUnits());
  const cases = new CaseQueries(db, keys, catalog, clocks);
  const actions = new CaseActions(db, keys, catalog, blobs, clocks);
  const signatures = new SignatureCapture(db, blobs);
  const deviceKey = deviceKeyPair(db, keys.fields);
  const supervision = new Supervision(db, keys, catalog, clocks);
  const dayCloses = new DayCloses(db, keys, supervision, deviceKey);
  const reportTables = new ReportTables(catalog);
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
      transaction(() => caseIds.forEach((caseId) => clocks.refresh(caseId)));
      emit('cases.changed', { caseIds });
    },
    onStatus: statusChanged,
  });

  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const text = encodeFrame({ t: 'evt', event, payload: events[event].parse(payload) });
    for (const channel of channels) channel.send(text);
  }

  function transaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  function activeAdministrators(exceptUserId: string): number {
    return (
      db.prepare('SELECT user_id, roles, active FROM users').all() as {
        user_id: string;
        roles: string;
        active: number;
      }[]
    ).filter(
      (u) =>
        u.user_id !== exceptUserId && u.active === 1 && (JSON.parse(u.roles) as string[]).includes('administrator'),
    ).length;
  }

  const draftAad = (draftId: string): string => `drafts.state:${draftId}`;

  function language() {
    const stored = languageSchema.safeParse(getSetting(db, 'language'));
    return stored.success ? stored.data : DEFAULT_LANGUAGE;
  }

  /** The ledger, unmasked only for a caller with personal.export: the handler checks, not the UI. */
  function ledgerFor(ctx: Ctx, input: Parameters<Supervision['ledger']>[0], unmasked: boolean) {
    const session = user(ctx);
    if (unmasked && !session.permissions.has('personal.export')) {
      throw new RpcError({ code: 'PERMISSION_DENIED', message: 'Unmasked exports need their own permission.' });
    }
    if (!unmasked) return supervision.ledger(input, null);
    const { display_name } = db.prepare('SELECT display_name FROM users WHERE user_id = ?').get(session.userId) as {
      display_name: string;
    };
    return supervision.ledger(input, { userId: session.userId, user: display_name });
  }

  function inOwnDraft(userId: string, sha256: string): boolean {
    const rows = db.prepare('SELECT draft_id, state_enc FROM drafts WHERE user_id = ?').all(userId) as {
      draft_id: string;
      state_enc: string;
    }[];
    return rows.some((row) => {
      const state = JSON.parse(decryptText(keys.fields, row.state_enc, draftAad(row.draft_id))) as {
        scans?: { sha256?: unknown }[];
      };
      return Array.isArray(state.scans) && state.scans.some((scan) => scan.sha256 === sha256);
    });
  }

  /** The device's accounts: the administrator's user list, and the auditor's names to filter by. */
  function allUsers() {
    return (db.prepare('SELECT * FROM users ORDER BY username').all() as unknown as Parameters<typeof toUser>[0][]).map(
      (row) => toUser(row),
    );
  }

  const handlers: Handlers<typeof methods, Session | UserSession> = {
    'system.health': () => ({
      appVersion: options.appVersion,
      schemaVersion: userVersion(db),
      databaseFile: file,
      sqliteVersion,
      nodeVersion: process.versions.node,
      pid: process.pid,
      startedAt,
    }),
    'settings.getLanguage': () => ({ language: language() }),
    'settings.setLanguage': ({ language }) => {
      setSetting(db, 'language', language);
      emit('settings.languageChanged', { language });
      return { language };
    },

    'setup.status': () => ({ setUp: readDevice(db) !== null }),
    'setup.initialize': async ({ device, admin }) => {
      if (readDevice(db)) throw rejected('already_set_up', 'This device is already set up.');
      const passwordHash = await hashPassword(admin.password);
      // Checked again inside the transaction: two first-run screens may race.
      const userId = transaction(() => {
        if (readDevice(db)) throw rejected('already_set_up', 'This device is already set up.');
        const at = new Date().toISOString();
        db.prepare(
          'INSERT INTO device (singleton, device_id, name, region_code, hall, window_no, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
        ).run(uuidv7(), device.name, device.regionCode, device.hall, device.windowNo, at);
        const id = uuidv7();
        db.prepare(
          `INSERT INTO users (user_id, username, display_name, password_hash, roles, created_at, updated_at)
           VALUES (?, ?, ?, ?, '["administrator"]', ?, ?)`,
        ).run(id, admin.username, admin.displayName, passwordHash, at, at);
        audit(db, { userId: id, action: 'device.set_up', detail: { regionCode: device.regionCode } });
        return id;
      });
      return auth.sessionInfo(auth.openSession(userId), userId);
    },

    'auth.login': ({ username, password }) => {
      if (!readDevice(db)) throw rejected('device_not_set_up', 'This device has not been set up.');
      return auth.login(username, password);
    },
    // A locked or ended session reaches this public method as anonymous.
    'auth.current': (_input, ctx) => ('roles' in ctx.session ? auth.sessionInfo(ctx.token!, ctx.session.userId) : null),
    'auth.unlock': ({ password }, ctx) => auth.unlock(ctx.token, password),
    'auth.logout': (_input, ctx) => {
      auth.logout(user(ctx));
      return { ok: true };
    },
    'auth.heartbeat': (_input, ctx) => {
      auth.touch(user(ctx));
      return { ok: true };
    },
    'auth.changePassword': async ({ current, next }, ctx) => {
      await auth.changePassword(user(ctx), current, next);
      return { ok: true };
    },

    'users.list': () => allUsers(),
    'users.create': async (input, ctx) => {
      const created = await auth.createUser(input);
      audit(db, {
        userId: user(ctx).userId,
        action: 'users.create',
        target: created.userId,
        detail: { roles: created.roles },
      });
      return created;
    },
    'users.update': ({ userId, displayName, roles, active }, ctx) => {
      const row = auth.userRow(userId);
      if (!row) throw new RpcError({ code: 'NOT_FOUND', message: 'No such user.' });
      const before = toUser(row);
      const nextRoles = roles ? [...new Set(roles)] : before.roles;
      const nextActive = active ?? before.active;
      const stillAdmin = nextActive && nextRoles.includes('administrator');
      if (
        before.roles.includes('administrator') &&
        before.active &&
        !stillAdmin &&
        activeAdministrators(userId) === 0
      ) {
        throw rejected('last_administrator', 'The device needs at least one active administrator.');
      }
      db.prepare('UPDATE users SET display_name = ?, roles = ?, active = ?, updated_at = ? WHERE user_id = ?').run(
        displayName ?? before.displayName,
        JSON.stringify(nextRoles),
        nextActive ? 1 : 0,
        new Date().toISOString(),
        userId,
      );
      if (!nextActive)
        db.prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(
          new Date().toISOString(),
          userId,
        );
      audit(db, {
        userId: user(ctx).userId,
        action: 'users.update',
        target: userId,
        detail: {
          rolesBefore: before.roles,
          rolesAfter: nextRoles,
          activeBefore: before.active,
          activeAfter: nextActive,
        },
      });
      return toUser(auth.userRow(userId)!);
    },
    'users.resetPassword': async ({ userId, password }, ctx) => {
      if (!auth.userRow(userId)) throw new RpcError({ code: 'NOT_FOUND', message: 'No such user.' });
      const hash = await hashPassword(password);
      db.prepare(
        'UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE user_id = ?',
      ).run(hash, new Date().toISOString(), userId);
      // A new password ends whatever sessions the old one opened.
      db.prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(
        new Date().toISOString(),
        userId,
      );
      audit(db, { userId: user(ctx).userId, action: 'users.reset_password', target: userId });
      return toUser(auth.userRow(userId)!);
    },

    'device.get': () => readDevice(db)!,
    'device.update': (input, ctx) => {
      const device = readDevice(db);
      if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');
      const next = { ...device, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      db.prepare(
        'UPDATE device SET name = ?, region_code = ?, hall = ?, window_no = ?, idle_lock_minutes = ?, receipt_printer = ? WHERE singleton = 1',
      ).run(next.name, next.regionCode, next.hall, next.windowNo, next.idleLockMinutes, next.receiptPrinter);
      audit(db, { userId: user(ctx).userId, action: 'device.update', detail: { fields: Object.keys(input) } });
      return readDevice(db)!;
    },

    'catalog.list': () => catalog.catalogs(),
    'catalog.search': ({ query }) => searchMatters(catalog.matters(), query),
    'calendar.list': () => catalog.calendars(),
    'catalog.import': ({ fileText }, ctx) => {
      const installed = catalog.importCatalog(fileText, new Date());
      // A matter whose unit changed moves its open cases' clocks with it.
      const recounted = transaction(() => clocks.recountUnits());
      if (recounted.length > 0) emit('cases.changed', { caseIds: recounted });
      audit(db, { userId: user(ctx).userId, action: 'catalog.import', detail: installed });
      return installed;
    },
    'calendar.import': ({ fileText }, ctx) => {
      const years = catalog.importCalendar(fileText);
      audit(db, { userId: user(ctx).userId, action: 'calendar.import', detail: { years } });
      return { years };
    },
    'authorities.list': () => authorities.list(),
    'authorities.save': (input, ctx) => {
      const saved = authorities.save(input);
      audit(db, { userId: user(ctx).userId, action: 'authorities.save', target: `${input.region}/${input.category}` });
      return saved;
    },
    'authorities.remove': ({ region, category }, ctx) => {
      if (authorities.remove(region, category))
        audit(db, { userId: user(ctx).userId, action: 'authorities.remove', target: `${region}/${category}` });
      return { ok: true as const };
    },
    'authorities.import': ({ fileText }, ctx) => {
      const keys = authorities.importCatalogFile(fileText);
      audit(db, { userId: user(ctx).userId, action: 'authorities.import', detail: { authorities: keys } });
      return { count: keys.length };
    },

    'drafts.list': (_input, ctx) =>
      (
        db
          .prepare('SELECT draft_id, state_enc, updated_at FROM drafts WHERE user_id = ? ORDER BY updated_at DESC')
          .all(user(ctx).userId) as {
          draft_id: string;
          state_enc: string;
          updated_at: string;
        }[]
      ).map((row) => ({
        draftId: row.draft_id,
        updatedAt: row.updated_at,
        state: JSON.parse(decryptText(keys.fields, row.state_enc, draftAad(row.draft_id))) as Record<string, unknown>,
      })),
    'drafts.save': ({ draftId, state }, ctx) => {
      const owner = db.prepare('SELECT user_id FROM drafts WHERE draft_id = ?').get(draftId) as
        { user_id: string } | undefined;
      if (owner && owner.user_id !== user(ctx).userId)
        throw rejected('draft_not_yours', 'This draft belongs to another user.');
      if (db.prepare('SELECT 1 FROM cases WHERE submission_id = ?').get(draftId)) {
        throw rejected('already_submitted', 'This intake was already submitted.');
      }
      const updatedAt = new Date().toISOString();
      db.prepare(
        `INSERT INTO drafts (draft_id, user_id, state_enc, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET state_enc = excluded.state_enc, updated_at = excluded.updated_at`,
      ).run(draftId, user(ctx).userId, encryptText(keys.fields, JSON.stringify(state), draftAad(draftId)), updatedAt);
      return { draftId, updatedAt, state };
    },
    'drafts.discard': ({ draftId }, ctx) => {
      db.prepare('DELETE FROM drafts WHERE draft_id = ? AND user_id = ?').run(draftId, user(ctx).userId);
      return { ok: true };
    },

    'scans.begin': ({ mediaType, size }, ctx) => blobs.begin(user(ctx).userId, mediaType, size),
    'scans.chunk': ({ uploadId, index, data }, ctx) => ({
      received: blobs.chunk(user(ctx).userId, uploadId, index, data),
    }),
    'scans.finish': ({ uploadId, thumbnail }, ctx) => blobs.finish(user(ctx).userId, uploadId, thumbnail),
    'scans.get': ({ sha256, caseId }, ctx) => {
      const blob = blobs.describe(sha256);
      // A scan is seen through its case, or through the viewer's own unsubmitted draft.
      const reachable = caseId !== null ? cases.hasBlob(caseId, sha256) : inOwnDraft(user(ctx).userId, sha256);
      if (!blob || !reachable) {
        throw new RpcError({ code: 'NOT_FOUND', message: 'No such file.' });
      }
      audit(db, { userId: user(ctx).userId, action: 'scan.view', target: caseId ?? 'draft', detail: { sha256 } });
      return { mediaType: blob.mediaType, data: blobs.read(sha256).toString('base64') };
    },
    'scans.thumbnail': ({ sha256 }) => {
      const thumb = blobs.describe(sha256)?.thumbnailSha256;
      return { data: thumb ? blobs.read(thumb).toString('base64') : null };
    },

    'intake.submit': (submission, ctx) => {
      const result = intake.submit(submission, user(ctx));
      emit('cases.changed', { caseIds: [result.caseId] });
      statusChanged();
      sync.kick();
      return result;
    },

    'cases.record': (input, ctx) => {
      const result = actions.record(input, user(ctx));
      emit('cases.changed', { caseIds: [input.caseId] });
      statusChanged();
      sync.kick();
      return result;
    },
    'cases.list': (input, ctx) => cases.list(input, user(ctx).userId),
    'cases.get': ({ caseId }, ctx) => cases.get(caseId, user(ctx)),
    'cases.reveal': ({ caseId, field }, ctx) => ({ value: cases.reveal(user(ctx).userId, caseId, field) }),
    'cases.recordPrint': ({ caseId, document, output }, ctx) => {
      cases.document(caseId);
      audit(db, { userId: user(ctx).userId, action: 'case.print', target: caseId, detail: { document, output } });
      return { ok: true };
    },

    'sync.status': () => sync.status(),
    'sync.addRemote': async ({ url, code, name }, ctx) => {
      const device = readDevice(db);
      if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');
      const enrolled = await enroll(url, { code, publicKey: deviceKey.publicKey, deviceName: device.name }).catch(
        (error: unknown) => {
          if (
            error instanceof RemoteError &&
            error.kind === 'http' &&
            error.status !== undefined &&
            error.status < 500
          ) {
            throw rejected('enrollment_refused', 'The server refused the enrollment code.');
          }
          throw rejected('remote_unreachable', 'The server could not be reached.', { url });
        },
      );
      const at = new Date().toISOString();
      // One remote per partner region: an earlier placeholder (cases queued before it was configured) is kept.
      db.prepare(
        `INSERT INTO remotes (remote_id, region_code, url, name, server_device_id, scope, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (region_code) DO UPDATE SET url = excluded.url, name = excluded.name,
           server_device_id = excluded.server_device_id, scope = excluded.scope, pull_cursor = 0`,
      ).run(uuidv7(), enrolled.serverRegion, url, name, enrolled.deviceId, JSON.stringify(enrolled.scope), at);
      audit(db, { userId: user(ctx).userId, action: 'sync.add_remote', detail: { regionCode: enrolled.serverRegion } });
      sync.start();
      sync.kick();
      return sync.status().find((r) => r.regionCode === enrolled.serverRegion)!;
    },
    'sync.now': () => {
      sync.kick();
      return { ok: true };
    },
    'sync.quarantine': () =>
      (
        db
          .prepare(
            `SELECT q.event_id, q.case_id, c.case_no, e.type, r.region_code, q.reason, q.detail, q.winner_event_id,
               q.winner_type, q.quarantined_at
             FROM quarantine q JOIN cases c USING (case_id) JOIN case_events e USING (event_id)
             JOIN remotes r USING (remote_id) ORDER BY q.quarantined_at DESC`,
          )
          .all() as {
          event_id: string;
          case_id: string;
          case_no: string;
          type: string;
          region_code: string;
          reason: string;
          detail: string | null;
          winner_event_id: string | null;
          winner_type: string | null;
          quarantined_at: string;
        }[]
      ).map((q) => ({
        eventId: q.event_id,
        caseId: q.case_id,
        caseNo: q.case_no,
        eventType: q.type,
        regionCode: q.region_code,
        reason: q.reason,
        detail: q.detail,
        winner: q.winner_event_id && q.winner_type ? { eventId: q.winner_event_id, type: q.winner_type } : null,
        quarantinedAt: q.quarantined_at,
      })),

    'consultations.log': (input, ctx) => supervision.logConsultation(user(ctx).userId, input),

    'supervision.ledger': ({ unmasked, ...filter }, ctx) => ledgerFor(ctx, filter, unmasked),
    'supervision.exportLedger': async ({ format, unmasked, ...filter }, ctx) => {
      const ledger = ledgerFor(ctx, filter, unmasked);
      const file = await exportFile(
        format,
        `ledger-${filter.day}${unmasked ? '-unmasked' : ''}`,
        reportTables.ledger(ledger, language()),
        reportTables.banner(language(), ledger.watermark),
        unmasked,
      );
      audit(db, {
        userId: user(ctx).userId,
        action: 'ledger.export',
        target: filter.day,
        detail: { format, unmasked, cases: ledger.rows.length },
      });
      return file;
    },
    'supervision.recordLedgerPrint': ({ day, output, unmasked }, ctx) => {
      if (unmasked && !user(ctx).permissions.has('personal.export')) {
        throw new RpcError({ code: 'PERMISSION_DENIED', message: 'Unmasked prints need their own permission.' });
      }
      audit(db, { userId: user(ctx).userId, action: 'ledger.print', target: day, detail: { output, unmasked } });
      return { ok: true };
    },
    'supervision.warnings': () => supervision.warnings(),
    'supervision.setThresholds': (thresholds, ctx) => supervision.setThresholds(user(ctx).userId, thresholds),
    'supervision.stats': ({ from, to }) => supervision.stats(from, to),
    'supervision.exportStats': async ({ from, to, format }, ctx) => {
      const stats = supervision.stats(from, to);
      const file = await exportFile(
        format,
        `statistics-${from}-${to}`,
        reportTables.stats(stats, language()),
        reportTables.banner(language(), null),
        false,
      );
      audit(db, { userId: user(ctx).userId, action: 'stats.export', target: `${from}/${to}`, detail: { format } });
      return file;
    },
    'supervision.closePreview': ({ day }) => dayCloses.preview(day),
    'supervision.closeDay': ({ day, comments }, ctx) => dayCloses.close(day, comments, user(ctx).userId),
    'supervision.closedDays': ({ limit }) => dayCloses.list(limit),

    'audit.list': ({ offset, limit, ...query }) => ({
      ...listAudit(db, query, offset, limit),
      chain: checkAuditChain(db),
      // Everyone with an account here, whether or not the log has entries of theirs yet.
      users: allUsers().map(({ userId, username, displayName }) => ({ userId, username, displayName })),
    }),
    'audit.export': async ({ format, ...query }, ctx) => {
      // Recorded first, so the file holds its own export.
      audit(db, { userId: user(ctx).userId, action: 'audit.export', detail: { format, ...query } });
      const { rows } = listAudit(db, query, 0, Number.MAX_SAFE_INTEGER);
      return exportFile(
        format,
        `audit-${localDay(new Date())}`,
        reportTables.audit(rows, language()),
        reportTables.banner(language(), null),
        false,
      );
    },

    'devices.signaturePad': () => signatures.status(),
    'devices.setSignaturePad': ({ url }, ctx) => signatures.configure(url, user(ctx).userId),
    'devices.captureSignature': ({ prompt }, ctx) => signatures.capture(prompt, user(ctx).userId),
  };
  const dispatcher = createDispatcher<typeof methods, Session | UserSession>(methods, handlers, (token) =>
    auth.resolve(token),
  );

  sync.start();

  return {
    connect(channel) {
      channels.add(channel);
      channel.onClose(() => channels.delete(channel));
      serveChannel(dispatcher, channel);
    },
    emit,
    wake: () => sync.kick(),
    close() {
      sync.stop();
      if (statusTimer) clearTimeout(statusTimer);
      for (const channel of channels) channel.close();
      channels.clear();
      db.close();
    },
  };
}
