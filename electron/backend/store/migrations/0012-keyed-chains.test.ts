import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ORIGIN, auditLink, checkAuditChain } from '../../services/audit.ts';
import { bindChainKeys } from '../../services/chain-keys.ts';
import { rekeyLegacyChains } from '../../services/chain-rekey.ts';
import { closeSignatureHolds, signClose, type CloseRecord } from '../../services/day-close-signature.ts';
import { CHAIN_ORIGIN, chainLink, checkDay, sealDay, type ChainedEvent } from '../../services/event-chain.ts';
import { openDatabase } from '../database.ts';
import { MIGRATIONS } from './index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DAY = '2026-11-20';
const { privateKey } = generateKeyPairSync('ed25519');
const keys = { eventChain: randomBytes(32), auditChain: randomBytes(32) };

const events: ChainedEvent[] = [1, 2, 3].map((n) => ({
  event_id: `e${n}`,
  case_id: 'c1',
  case_seq: n,
  type: 'case.note_added',
  payload_enc: `ciphertext-${n}`,
  actor_user_id: 'u1',
  actor_role: 'intake_clerk',
  device_id: 'd1',
  occurred_at: `${DAY}T02:0${n}:00.000Z`,
  content_hash: String(n).repeat(64),
}));
const entries = ['auth.login', 'personal.reveal', 'auth.logout'].map((action, n) => ({
  at: `${DAY}T03:0${n}:00.000Z`,
  user_id: 'u1',
  action,
  target: null,
  detail: '{}',
}));

/** A device at schema 9, its chains made under the legacy rule, one day closed and signed. */
function legacyDevice(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-m12-'));
  dirs.push(dir);
  const file = join(dir, 'tongban.sqlite');
  const { db } = openDatabase(file, MIGRATIONS.slice(0, 9));
  db.exec(`
    INSERT INTO users VALUES ('u1', 'clerk', '李受理', 'hash', '["intake_clerk"]', 1, 0, NULL, 'now', 'now');
    INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
    INSERT INTO cases (case_id, case_no, submission_id, matter_id, catalog_version, intake_region, handling_region,
      remote_id, origin, status, sub_state, sync_state, applicant_masked_name, applicant_masked_id, applicant_id_kind,
      priority, clerk_user_id, received_at, received_day, deadline_provisional, content_hash, detail_enc, updated_at)
    VALUES ('c1', 'no-1', 's1', 'KST-SI-004', '2026.1', '360430', '421127', 'r1', 'intake', 1, 'sent', 'synced',
      '张*', '1101**********232X', 'resident_id', 0, 'u1', '${DAY}T02:00:00Z', '${DAY}', 0, 'h', 'enc', 'now');
  `);
  let previous = CHAIN_ORIGIN;
  for (const e of events) {
    db.prepare(
      `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
         occurred_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...(Object.values(e) as string[]));
    previous = chainLink(previous, e);
    db.prepare('INSERT INTO event_chain (event_id, day, hash) VALUES (?, ?, ?)').run(e.event_id, DAY, previous);
  }
  let auditPrevious = AUDIT_ORIGIN;
  for (const a of entries) {
    auditPrevious = auditLink(auditPrevious, a);
    db.prepare('INSERT INTO audit_log (at, user_id, action, target, detail, hash) VALUES (?, ?, ?, ?, ?, ?)').run(
      a.at,
      a.user_id,
      a.action,
      a.target,
      a.detail,
      auditPrevious,
    );
  }
  const close = {
    day: DAY,
    closed_at: `${DAY}T10:00:00.000Z`,
    user_id: 'u1',
    first_seq: 1,
    last_seq: 3,
    events: 3,
    chain_hash: previous,
    summary: '{}',
    comments_enc: 'enc',
  };
  db.prepare(
    `INSERT INTO day_closes (day, closed_at, user_id, first_seq, last_seq, events, chain_hash, summary, comments_enc,
       signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...(Object.values(close) as string[]), signClose({ ...close, audit_seq: null, audit_hash: null }, privateKey));
  db.close();
  return file;
}

function upgraded(file: string): DatabaseSync {
  const { db, migration } = openDatabase(file);
  expect(migration).toMatchObject({ from: 9 });
  bindChainKeys(db, keys);
  return db;
}

const rules = (db: DatabaseSync, table: string) =>
  (db.prepare(`SELECT rule FROM ${table} ORDER BY seq`).all() as { rule: number }[]).map((r) => r.rule);

describe('migration 0012 (keyed chains)', () => {
  it('records the legacy rule of every link and how far the legacy links reach, pending', () => {
    const db = upgraded(legacyDevice());
    expect(rules(db, 'event_chain')).toEqual([1, 1, 1]);
    expect(rules(db, 'audit_log')).toEqual([1, 1, 1]);
    expect(db.prepare('SELECT rule, algorithm FROM chain_rules ORDER BY rule').all()).toEqual([
      { rule: 1, algorithm: 'sha256' },
      { rule: 2, algorithm: 'hmac-sha256' },
    ]);
    expect(db.prepare('SELECT chain, through_seq, rekeyed_at, mac FROM chain_rekey ORDER BY chain').all()).toEqual([
      { chain: 'audit', through_seq: 3, rekeyed_at: null, mac: null },
      { chain: 'events', through_seq: 3, rekeyed_at: null, mac: null },
    ]);
    // Pending, a legacy link counts for nothing: the file alone could have made it.
    expect(checkAuditChain(db)).toMatchObject({ intact: false, brokenAt: 1 });
    db.close();
  });

  it('at start re-makes intact legacy chains under the key and re-signs the close over the new hash', () => {
    const db = upgraded(legacyDevice());
    rekeyLegacyChains(db, privateKey);
    expect(rules(db, 'event_chain')).toEqual([2, 2, 2]);
    expect(rules(db, 'audit_log')).toEqual([2, 2, 2, 2]);
    expect(checkAuditChain(db)).toEqual({ entries: 4, intact: true, brokenAt: null });
    const close = db.prepare('SELECT * FROM day_closes').get() as unknown as CloseRecord;
    expect(close.chain_hash).toBe(sealDay(db, DAY).hash);
    expect(closeSignatureHolds(close, createPublicKey(privateKey))).toBe(true);
    expect(checkDay(db, DAY, { firstSeq: 1, lastSeq: 3, events: 3, hash: close.chain_hash })).toEqual([]);
    expect(db.prepare('SELECT action FROM audit_log WHERE seq = 4').get()).toEqual({ action: 'audit.chains_keyed' });
    // Once only: a second start finds nothing pending.
    rekeyLegacyChains(db, privateKey);
    expect(checkAuditChain(db)).toEqual({ entries: 4, intact: true, brokenAt: null });
    // An edit after the upgrade is caught where it is.
    db.prepare("UPDATE case_events SET type = 'case.accepted' WHERE event_id = 'e2'").run();
    expect(checkDay(db, DAY, sealDay(db, DAY))).toEqual([{ kind: 'changed', eventId: 'e2', caseId: 'c1' }]);
    db.close();
  });

  it('keeps a legacy chain that is already broken as found, and reports the break where it is', () => {
    const file = legacyDevice();
    const before = new DatabaseSync(file);
    before.prepare('UPDATE audit_log SET detail = \'{"x":1}\' WHERE seq = 2').run();
    before.close();
    const db = upgraded(file);
    rekeyLegacyChains(db, privateKey);
    expect(rules(db, 'audit_log')).toEqual([1, 1, 1, 2]);
    expect(checkAuditChain(db)).toEqual({ entries: 2, intact: false, brokenAt: 2 });
    // The event chain held, and was keyed.
    expect(rules(db, 'event_chain')).toEqual([2, 2, 2]);
    db.close();
  });

  it('refuses legacy links written after the upgrade, and a legacy record sealed by no key', () => {
    const db = upgraded(legacyDevice());
    rekeyLegacyChains(db, privateKey);
    // Someone with the file turns the links back into plain SHA-256 ones and claims a broken legacy chain.
    let previous = AUDIT_ORIGIN;
    for (const row of db.prepare('SELECT seq, at, user_id, action, target, detail FROM audit_log ORDER BY seq').all()) {
      const r = row as { seq: number } & Parameters<typeof auditLink>[1];
      previous = auditLink(previous, r);
      db.prepare('UPDATE audit_log SET hash = ?, rule = 1 WHERE seq = ?').run(previous, r.seq);
    }
    db.prepare("UPDATE chain_rekey SET through_seq = 99, legacy_broken_at = 1 WHERE chain = 'audit'").run();
    expect(checkAuditChain(db)).toMatchObject({ intact: false, brokenAt: 1 });
    db.close();
  });
});
