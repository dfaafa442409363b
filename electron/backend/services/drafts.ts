// The intake wizard's drafts: each user's own, stored encrypted, gone once
// the intake they hold is submitted or discarded.
import type { DatabaseSync } from 'node:sqlite';
import type { Draft } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { decryptText, encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';

interface DraftRow {
  draft_id: string;
  state_enc: string;
  updated_at: string;
}

/** Binds a draft's ciphertext to its row: a state copied to another draft does not decrypt. */
const draftAad = (draftId: string): string => `drafts.state:${draftId}`;

export class Drafts {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;

  constructor(db: DatabaseSync, keys: DeviceKeys) {
    this.db = db;
    this.keys = keys;
  }

  private state(row: Pick<DraftRow, 'draft_id' | 'state_enc'>): Record<string, unknown> {
    return JSON.parse(decryptText(this.keys.fields, row.state_enc, draftAad(row.draft_id))) as Record<string, unknown>;
  }

  /** The user's drafts, the latest first. */
  list(userId: string): Draft[] {
    return (
      this.db
        .prepare('SELECT draft_id, state_enc, updated_at FROM drafts WHERE user_id = ? ORDER BY updated_at DESC')
        .all(userId) as unknown as DraftRow[]
    ).map((row) => ({ draftId: row.draft_id, updatedAt: row.updated_at, state: this.state(row) }));
  }

  save(userId: string, draftId: string, state: Record<string, unknown>): Draft {
    const owner = this.db.prepare('SELECT user_id FROM drafts WHERE draft_id = ?').get(draftId) as
      { user_id: string } | undefined;
    if (owner && owner.user_id !== userId) throw rejected('draft_not_yours', 'This draft belongs to another user.');
    if (this.db.prepare('SELECT 1 FROM cases WHERE submission_id = ?').get(draftId)) {
      throw rejected('already_submitted', 'This intake was already submitted.');
    }
    const updatedAt = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO drafts (draft_id, user_id, state_enc, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (draft_id) DO UPDATE SET state_enc = excluded.state_enc, updated_at = excluded.updated_at`,
      )
      .run(draftId, userId, encryptText(this.keys.fields, JSON.stringify(state), draftAad(draftId)), updatedAt);
    return { draftId, updatedAt, state };
  }

  discard(userId: string, draftId: string): void {
    this.db.prepare('DELETE FROM drafts WHERE draft_id = ? AND user_id = ?').run(draftId, userId);
  }

  /** Whether one of the user's own drafts holds the scan: the only way to see a scan not yet on a case. */
  holdsScan(userId: string, sha256: string): boolean {
    const rows = this.db.prepare('SELECT draft_id, state_enc FROM drafts WHERE user_id = ?').all(userId) as {
      draft_id: string;
      state_enc: string;
    }[];
    return rows.some((row) => {
      const state = this.state(row) as { scans?: { sha256?: unknown }[] };
      return Array.isArray(state.scans) && state.scans.some((scan) => scan.sha256 === sha256);
    });
  }
}
