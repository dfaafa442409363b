// 一次性告知单: recorded with the consultation it came from, as an audit entry
// whose detail is the notice itself — the matter, the language, the hall and
// each material with a problem code. Ids and codes only: no one's name, number
// or words reach it. The chained audit log keeps it from being edited later,
// and a reprint reads the same entry, so it says what the applicant was told.
import type { DatabaseSync } from 'node:sqlite';
import {
  checkNoticeItems,
  oneTimeNoticeSchema,
  type OneTimeNotice,
  type OneTimeNoticeInput,
} from '../../../shared/paperwork/one-time-notice.ts';
import type { PrintOutcome } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { audit } from './audit.ts';
import type { CatalogService } from './catalog.ts';
import { logConsultation } from './consultations.ts';
import { transaction } from './transaction.ts';

const ISSUED = 'notice.one_time';
const PRINTED = 'notice.one_time_print';
const LISTED = 100;

export class OneTimeNotices {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;
  private readonly hall: () => string;

  constructor(db: DatabaseSync, keys: DeviceKeys, catalog: CatalogService, hall: () => string) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
    this.hall = hall;
  }

  issue(userId: string, input: OneTimeNoticeInput): OneTimeNotice {
    const found = this.catalog.matter(input.matterId);
    if (!found) throw rejected('matter_unknown', 'The matter is not in the catalog.', { matterId: input.matterId });
    const problem = checkNoticeItems(found.matter, input.items);
    if (problem) {
      throw rejected(problem.reason, 'A listed material is not on the matter’s checklist, or is listed twice.', {
        materialId: problem.materialId,
      });
    }
    return transaction(this.db, () => {
      const consultation = logConsultation(this.db, this.keys, this.catalog, userId, {
        matterId: input.matterId,
        note: input.note,
        minutes: input.minutes,
      });
      // The consultation's id names the notice too: there is one notice per consultation.
      const detail = {
        noticeId: consultation.consultationId,
        hall: this.hall(),
        matterId: input.matterId,
        language: input.language,
        items: input.items,
      };
      audit(this.db, { userId, action: ISSUED, target: consultation.consultationId, detail });
      return this.read(consultation.consultationId)[0]!;
    });
  }

  list(): OneTimeNotice[] {
    return this.read(null);
  }

  recordPrint(userId: string, noticeId: string, output: 'printer' | 'pdf', outcome: PrintOutcome): void {
    if (this.read(noticeId).length === 0) {
      throw rejected('notice_unknown', 'No one-time notice was issued with this id on this device.');
    }
    audit(this.db, { userId, action: PRINTED, target: noticeId, detail: { output, outcome } });
  }

  /** One notice by its id, or the newest ones issued here (null). */
  private read(noticeId: string | null): OneTimeNotice[] {
    const rows = this.db
      .prepare(
        `SELECT a.at, a.target, a.detail, u.display_name FROM audit_log a LEFT JOIN users u USING (user_id)
         WHERE a.action = ? AND (? IS NULL OR a.target = ?) ORDER BY a.seq DESC LIMIT ${LISTED}`,
      )
      .all(ISSUED, noticeId, noticeId) as { at: string; target: string; detail: string; display_name: string | null }[];
    return rows.map((r) => {
      const detail = JSON.parse(r.detail) as Omit<OneTimeNotice, 'at' | 'clerk' | 'consultationId'>;
      return oneTimeNoticeSchema.parse({ ...detail, consultationId: r.target, at: r.at, clerk: r.display_name ?? '' });
    });
  }
}
