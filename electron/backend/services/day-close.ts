// 日结: the supervisor closes a day. The close records the day's counts, the
// supervisor's word on every open warning, and the day's place in the event
// hash chain, and the device key signs it. A closed day is checked again
// whenever closes are listed: an event of that day changed, removed or added
// in the database file afterwards is reported with its case.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { DayClose, DaySummary, Warning } from '../../../shared/supervision/schemas.ts';
import { decryptText, encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { audit, AUDIT_ORIGIN } from './audit.ts';
import { closeSignatureHolds, signClose, type CloseRecord } from './day-close-signature.ts';
import { localDay } from '../../../shared/local-time.ts';
import { checkDay, sealDay, type SealedDay } from './event-chain.ts';
import type { Supervision } from './supervision.ts';

const DECISIONS = new Set([
  'case.accepted',
  'case.not_accepted',
  'case.concluded_approved',
  'case.concluded_approved_deferred',
  'case.concluded_refused',
]);
const CORRECTIONS = new Set(['case.correction_requested', 'case.correction_supplied']);

type StoredComment = { key: string; comment: string; kind: Warning['kind']; caseNo: string };

export class DayCloses {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly supervision: Supervision;
  private readonly deviceKey: { publicKey: string; privateKey: KeyObject };

  constructor(
    db: DatabaseSync,
    keys: DeviceKeys,
    supervision: Supervision,
    deviceKey: { publicKey: string; privateKey: KeyObject },
  ) {
    this.db = db;
    this.keys = keys;
    this.supervision = supervision;
    this.deviceKey = deviceKey;
  }

  summary(day: string): DaySummary {
    const ledger = this.supervision.ledger({ day }, null);
    const activities = ledger.rows.flatMap((row) => row.activities);
    const byMatter = new Map<string, number>();
    for (const row of ledger.rows) byMatter.set(row.matterId, (byMatter.get(row.matterId) ?? 0) + 1);
    return {
      cases: ledger.rows.length,
      received: activities.filter((a) => a.type === 'case.received').length,
      decided: activities.filter((a) => DECISIONS.has(a.type)).length,
      corrections: activities.filter((a) => CORRECTIONS.has(a.type)).length,
      collected: activities.filter((a) => a.type === 'case.result_collected').length,
      consultations: ledger.consultations.length,
      events: activities.length,
      byMatter: [...byMatter]
        .map(([key, count]) => ({ key, label: null, count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    };
  }

  preview(day: string) {
    this.checkDay(day);
    return {
      day,
      summary: this.summary(day),
      warnings: this.supervision.warnings().items,
      // A close whose record was removed still counts: the day is shown closed, and broken.
      closed: this.closes('WHERE d.day = ?', [day])[0] ?? this.removedCloses('AND a.target = ?', [day])[0] ?? null,
    };
  }

  private checkDay(day: string): void {
    if (day > localDay(new Date())) throw rejected('day_in_future', 'A day can be closed once it has begun.');
  }

  close(day: string, comments: readonly { key: string; comment: string }[], userId: string): DayClose {
    this.checkDay(day);
    // The audit log remembers a close even when its record is gone: a removed close is not signed again.
    if (
      this.db.prepare('SELECT 1 FROM day_closes WHERE day = ?').get(day) ||
      this.db.prepare("SELECT 1 FROM audit_log WHERE action = 'day.close' AND target = ?").get(day)
    ) {
      throw rejected('day_already_closed', 'This day is already closed.');
    }
    const warnings = this.supervision.warnings().items;
    const said = new Map(comments.map((c) => [c.key, c.comment]));
    const unanswered = warnings.filter((w) => !said.get(w.key)?.trim());
    if (unanswered.length > 0) {
      throw rejected('warnings_unanswered', 'Every open warning needs a word before the day is closed.', {
        count: unanswered.length,
      });
    }
    const stored: StoredComment[] = warnings.map((w) => ({
      key: w.key,
      comment: said.get(w.key)!.trim(),
      kind: w.kind,
      caseNo: w.caseNo,
    }));
    const sealed = sealDay(this.db, day);
    // The audit log as it stands before the close's own entry: entries cut from its end show against it.
    const auditHead = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    const record = {
      day,
      closed_at: new Date().toISOString(),
      user_id: userId,
      first_seq: sealed.firstSeq,
      last_seq: sealed.lastSeq,
      events: sealed.events,
      chain_hash: sealed.hash,
      summary: JSON.stringify(this.summary(day)),
      comments_enc: encryptText(this.keys.fields, JSON.stringify(stored), `day_closes.comments:${day}`),
      audit_seq: auditHead?.seq ?? 0,
      audit_hash: auditHead?.hash ?? AUDIT_ORIGIN,
    };
    const signature = signClose(record, this.deviceKey.privateKey);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db
        .prepare(
          `INSERT INTO day_closes (day, closed_at, user_id, first_seq, last_seq, events, chain_hash, summary,
             comments_enc, signature, audit_seq, audit_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.day,
          record.closed_at,
          record.user_id,
          record.first_seq,
          record.last_seq,
          record.events,
          record.chain_hash,
          record.summary,
          record.comments_enc,
          signature,
          record.audit_seq,
          record.audit_hash,
        );
      this.supervision.followedUp(
        warnings.filter((w) => w.kind === 'bad_evaluation').map((w) => w.caseId),
        day,
      );
      audit(this.db, {
        userId,
        action: 'day.close',
        target: day,
        detail: { events: sealed.events, chainHash: sealed.hash, warnings: warnings.length },
      });
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return this.closes('WHERE d.day = ?', [day])[0]!;
  }

  /**
   * The newest closes first, each checked against the chain and its signature,
   * with any close the (hash-chained) audit log records whose record has been
   * removed from the database.
   */
  list(limit: number): DayClose[] {
    return [
      ...this.closes('ORDER BY d.day DESC LIMIT ?', [limit]),
      ...this.removedCloses('ORDER BY a.target DESC LIMIT ?', [limit]),
    ]
      .sort((a, b) => b.day.localeCompare(a.day))
      .slice(0, limit);
  }

  private removedCloses(clause: string, params: (string | number)[]): DayClose[] {
    const entries = this.db
      .prepare(
        `SELECT a.target AS day, a.at, a.detail, u.display_name FROM audit_log a LEFT JOIN users u USING (user_id)
         WHERE a.action = 'day.close' AND NOT EXISTS (SELECT 1 FROM day_closes d WHERE d.day = a.target) ${clause}`,
      )
      .all(...params) as { day: string; at: string; detail: string; display_name: string | null }[];
    return entries.map((e) => {
      const detail = JSON.parse(e.detail) as { events?: number; chainHash?: string };
      return {
        day: e.day,
        closedAt: e.at,
        closedBy: e.display_name ?? '',
        events: detail.events ?? 0,
        chainHash: detail.chainHash ?? '',
        // The signed counts went with the record: what the day's events say now.
        summary: this.summary(e.day),
        comments: [],
        intact: false,
        problems: [{ kind: 'removed', eventId: null, caseNo: null }],
      };
    });
  }

  private closes(clause: string, params: (string | number)[]): DayClose[] {
    const records = this.db
      .prepare(`SELECT d.*, u.display_name FROM day_closes d JOIN users u USING (user_id) ${clause}`)
      .all(...params) as unknown as CloseRecord[];
    // Not the public key stored beside the chain: the public half of the key only the master key opens.
    const publicKey = createPublicKey(this.deviceKey.privateKey);
    const caseNo = this.db.prepare('SELECT case_no FROM cases WHERE case_id = ?');
    return records.map((r) => {
      const sealed: SealedDay = { firstSeq: r.first_seq, lastSeq: r.last_seq, events: r.events, hash: r.chain_hash };
      const problems: DayClose['problems'] = checkDay(this.db, r.day, sealed).map((p) => ({
        kind: p.kind,
        eventId: p.eventId,
        caseNo: p.caseId ? ((caseNo.get(p.caseId) as { case_no: string } | undefined)?.case_no ?? null) : null,
      }));
      if (!closeSignatureHolds(r, publicKey)) {
        problems.push({ kind: 'signature', eventId: null, caseNo: null });
      }
      let comments: StoredComment[] = [];
      try {
        comments = JSON.parse(decryptText(this.keys.fields, r.comments_enc, `day_closes.comments:${r.day}`));
      } catch {
        problems.push({ kind: 'signature', eventId: null, caseNo: null });
      }
      return {
        day: r.day,
        closedAt: r.closed_at,
        closedBy: r.display_name,
        events: r.events,
        chainHash: r.chain_hash,
        summary: JSON.parse(r.summary) as DaySummary,
        comments,
        intact: problems.length === 0,
        problems,
      };
    });
  }
}
