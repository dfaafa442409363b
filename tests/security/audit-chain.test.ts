// M3: someone with the device's database file — and without the master key
// that safeStorage holds — rewrites history. The audit log and the case-event
// chain are keyed (HMAC under a key derived from the master key), so a row
// edited and the chain recomputed with plain SHA-256, or with HMAC under a
// guessed key, is reported; a day close forged with a key pair written beside
// the chain is refused; and every close is anchored at the exchange server,
// whose copy the device's check compares with. Real SQLite, a real server, a
// real device backend enrolled at it.
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../electron/backend/crypto/keys.ts';
import { signedText, type CloseRecord } from '../../electron/backend/services/day-close-signature.ts';
import { CHAINED_COLUMNS, CHAIN_ORIGIN, type ChainedEvent } from '../../electron/backend/services/event-chain.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { localDay } from '../../shared/local-time.ts';
import { anchorSigningText, type Anchor } from '../../shared/sync/protocol.ts';
import {
  addRemoteAt,
  call,
  pensionTransfer,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  until,
  withDb,
  type BackendUnderTest,
  type ListeningServer,
} from '../integration/harness.ts';
import { enroll, injectTransport } from '../support/server.ts';

type Link = (previous: string, fields: unknown[]) => string;
const plainSha256: Link = (previous, fields) =>
  createHash('sha256')
    .update(JSON.stringify([previous, ...fields]))
    .digest('hex');
const hmacUnder =
  (key: Buffer): Link =>
  (previous, fields) =>
    createHmac('sha256', key)
      .update(JSON.stringify([previous, ...fields]))
      .digest('hex');
// What an attacker can try without the master key: the old formula, a key of zeros, the right labels under a guess.
const GUESSES: [string, Link, number][] = [
  ['plain SHA-256, rule left keyed', plainSha256, 2],
  ['plain SHA-256, rule set back to legacy', plainSha256, 1],
  ['HMAC under a key of zeros', hmacUnder(Buffer.alloc(32)), 2],
  ['HMAC under the right labels and a guessed master key', hmacUnder(deriveKeys(randomBytes(32)).auditChain), 2],
];

let server: ListeningServer;
let device: BackendUnderTest;
let supervisor: RpcClient;
let auditor: RpcClient;
let serverDeviceId: string;
const today = localDay(new Date());

/** Does `work` on the file, then puts back every table it could have touched. */
function tamper(work: (db: DatabaseSync) => void): () => void {
  const tables = ['audit_log', 'event_chain', 'case_events', 'day_closes', 'device_key', 'chain_rekey'];
  const saved = withDb(device.dbFile, (db) => tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()] as const));
  withDb(device.dbFile, work);
  return () =>
    withDb(device.dbFile, (db) => {
      db.exec('BEGIN');
      for (const [table, rows] of saved) {
        db.exec(`DELETE FROM ${table}`);
        for (const row of rows) {
          const columns = Object.keys(row);
          db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
            ...(Object.values(row) as string[]),
          );
        }
      }
      db.exec('COMMIT');
    });
}

function recomputeAudit(db: DatabaseSync, link: Link, rule: number): void {
  let previous = CHAIN_ORIGIN;
  for (const row of db.prepare('SELECT seq, at, user_id, action, target, detail FROM audit_log ORDER BY seq').all()) {
    const r = row as { seq: number; at: string; user_id: string; action: string; target: string; detail: string };
    previous = link(previous, [r.at, r.user_id, r.action, r.target, r.detail]);
    db.prepare('UPDATE audit_log SET hash = ?, rule = ? WHERE seq = ?').run(previous, rule, r.seq);
  }
}

/** Rewrites every event link with `link`; gives the new head. */
function recomputeEvents(db: DatabaseSync, link: Link, rule: number): string {
  let previous = CHAIN_ORIGIN;
  const columns = CHAINED_COLUMNS.split(', ').map((c) => `e.${c}`);
  for (const row of db
    .prepare(
      `SELECT l.seq, ${columns.join(', ')} FROM event_chain l JOIN case_events e USING (event_id) ORDER BY l.seq`,
    )
    .all() as unknown as (ChainedEvent & { seq: number })[]) {
    const { seq, ...event } = row;
    previous = link(
      previous,
      CHAINED_COLUMNS.split(', ').map((c) => event[c as keyof ChainedEvent]),
    );
    db.prepare('UPDATE event_chain SET hash = ?, rule = ? WHERE seq = ?').run(previous, rule, seq);
  }
  return previous;
}

const editAnEvent = (db: DatabaseSync) =>
  db
    .prepare(
      "UPDATE case_events SET occurred_at = '2020-01-01T00:00:00.000Z' WHERE event_id = (SELECT min(event_id) FROM case_events)",
    )
    .run();

const closedToday = async () => (await call(supervisor, 'supervision.closedDays', {})).find((c) => c.day === today)!;
const anchorState = async () =>
  (await call(supervisor, 'supervision.anchorCheck', {})).days.find((d) => d.day === today)?.state;

beforeAll(async () => {
  server = await startListeningServer();
  device = startInProcess();
  const { admin } = await setUpDevice(device);
  await addRemoteAt(server, admin, { kind: 'intake', regionCode: '360430', matterIds: [] });
  const clerk = await staffClient(device, admin, ['intake_clerk']);
  supervisor = await staffClient(device, admin, ['supervisor']);
  auditor = await staffClient(device, admin, ['auditor']);
  await call(clerk, 'intake.submit', pensionTransfer());
  const { warnings } = await call(supervisor, 'supervision.closePreview', { day: today });
  await call(supervisor, 'supervision.closeDay', {
    day: today,
    comments: warnings.map((w) => ({ key: w.key, comment: 'followed up' })),
  });
  serverDeviceId = withDb(
    device.dbFile,
    (db) =>
      (
        db.prepare('SELECT server_device_id FROM remotes WHERE server_device_id IS NOT NULL').get() as {
          server_device_id: string;
        }
      ).server_device_id,
  );
  await until(
    () => server.store.anchors(serverDeviceId, null, null, 10),
    (kept) => kept.anchors.length === 1,
    "the day's anchor at the server",
  );
}, 60_000);
afterAll(async () => {
  await device.stop();
  await server.close();
});

describe('M3 an audit trail that cannot be recomputed', () => {
  it('an untouched device checks intact, and its close is anchored at the server as signed', async () => {
    expect((await call(auditor, 'audit.list', {})).chain).toMatchObject({ intact: true });
    expect(await closedToday()).toMatchObject({ intact: true, problems: [] });
    expect(await anchorState()).toBe('intact');
    const [anchor] = (await server.store.anchors(serverDeviceId, null, null, 10)).anchors;
    expect(anchor).toMatchObject({ day: today, chainHead: (await closedToday()).chainHash });
  });

  it.each(GUESSES)('an audit row edited and the chain recomputed (%s): the check reports it', async (_, link, rule) => {
    const undo = tamper((db) => {
      db.prepare("UPDATE audit_log SET detail = '{}' WHERE action = 'day.close'").run();
      recomputeAudit(db, link, rule);
    });
    try {
      expect((await call(auditor, 'audit.list', {})).chain).toMatchObject({ intact: false, brokenAt: 1 });
    } finally {
      undo();
    }
    expect((await call(auditor, 'audit.list', {})).chain).toMatchObject({ intact: true });
  });

  it('the legacy record forged to pass plain SHA-256 links as a broken old chain: the check still reports it', async () => {
    const undo = tamper((db) => {
      recomputeAudit(db, plainSha256, 1);
      db.prepare(
        "UPDATE chain_rekey SET through_seq = 1000000, legacy_broken_at = 1000000 WHERE chain = 'audit'",
      ).run();
    });
    try {
      expect((await call(auditor, 'audit.list', {})).chain).toMatchObject({ intact: false, brokenAt: 1 });
    } finally {
      undo();
    }
  });

  it.each(GUESSES)(
    'a case event edited and the event chain recomputed (%s): the closed day is reported, against the server too',
    async (_, link, rule) => {
      const undo = tamper((db) => {
        editAnEvent(db);
        const head = recomputeEvents(db, link, rule);
        // Even the close made to agree: its record then no longer matches its signature.
        db.prepare('UPDATE day_closes SET chain_hash = ? WHERE day = ?').run(head, today);
      });
      try {
        const close = await closedToday();
        expect(close.intact).toBe(false);
        expect(close.problems.map((p) => p.kind)).toContain('changed');
        expect(await anchorState()).toBe('altered');
      } finally {
        undo();
      }
      expect(await closedToday()).toMatchObject({ intact: true });
    },
  );

  it('the audit log cut back to before the close, its counter reset: the check reports it, the server too', async () => {
    const undo = tamper((db) => {
      const { seq } = db.prepare("SELECT seq FROM audit_log WHERE action = 'day.close'").get() as { seq: number };
      // Every entry from the one before the close on is removed: what is left still follows, link by link.
      db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(seq - 1);
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(seq - 2);
    });
    try {
      expect((await call(auditor, 'audit.list', {})).chain).toMatchObject({ intact: false });
      expect(await anchorState()).toBe('altered');
    } finally {
      undo();
    }
    expect((await call(auditor, 'audit.list', {})).chain).toMatchObject({ intact: true });
  });

  it('a day close forged with a new key pair written beside the chain and the close re-signed: refused', async () => {
    const forger = generateKeyPairSync('ed25519');
    const undo = tamper((db) => {
      editAnEvent(db);
      const head = recomputeEvents(db, plainSha256, 2);
      db.prepare('UPDATE device_key SET public_key = ?').run(
        forger.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      );
      const record = { ...(db.prepare('SELECT * FROM day_closes WHERE day = ?').get(today) as unknown as CloseRecord) };
      record.chain_hash = head;
      const signature = sign(null, signedText(record), forger.privateKey).toString('base64');
      db.prepare('UPDATE day_closes SET chain_hash = ?, signature = ? WHERE day = ?').run(head, signature, today);
    });
    try {
      const close = await closedToday();
      expect(close.intact).toBe(false);
      expect(close.problems.map((p) => p.kind)).toContain('signature');
      expect(await anchorState()).toBe('altered');
    } finally {
      undo();
    }
  });

  it("a close that differs from the server's anchor, or was removed here, is reported as altered", async () => {
    const undoCount = tamper((db) => db.prepare('UPDATE day_closes SET events = events + 1 WHERE day = ?').run(today));
    try {
      expect(await anchorState()).toBe('altered');
    } finally {
      undoCount();
    }
    const undoRemove = tamper((db) => {
      db.prepare('DELETE FROM day_closes WHERE day = ?').run(today);
    });
    try {
      expect(await anchorState()).toBe('altered');
    } finally {
      undoRemove();
    }
    expect(await anchorState()).toBe('intact');
  });

  it('the server refuses an anchor with a bad signature, and one rewriting an anchored day', async () => {
    const other = await enroll(server, injectTransport(server.app), {}, 'another window');
    const anchorOf = (day: string, head: string, key = other.key): Anchor => {
      const body = { day, chainHead: head.repeat(64), events: 1, auditSeq: null, auditHead: null, deviceId: 'other' };
      return { ...body, signature: sign(null, Buffer.from(anchorSigningText(body)), key).toString('base64') };
    };
    const push = async (anchors: Anchor[]) =>
      (await other.request('POST', '/anchors', JSON.stringify({ anchors }))).json<{ results: unknown[] }>().results;
    expect(await push([anchorOf('2026-11-23', 'a', generateKeyPairSync('ed25519').privateKey)])).toEqual([
      { day: '2026-11-23', status: 'refused', reason: 'bad_signature' },
    ]);
    expect(await push([anchorOf('2026-11-23', 'a')])).toEqual([{ day: '2026-11-23', status: 'accepted' }]);
    expect(await push([anchorOf('2026-11-23', 'b')])).toEqual([
      { day: '2026-11-23', status: 'refused', reason: 'day_rewritten' },
    ]);
    expect((await server.store.anchors(other.deviceId, null, null, 10)).anchors).toMatchObject([
      { day: '2026-11-23', chainHead: 'a'.repeat(64) },
    ]);
  });

  it('with the server out of reach, a closed day is reported as not checked, not as intact', async () => {
    await server.app.close();
    const check = await call(supervisor, 'supervision.anchorCheck', {});
    expect(check.days.find((d) => d.day === today)?.state).toBe('unreachable');
    expect(check.servers).toMatchObject([{ reachable: false }]);
  });
});
