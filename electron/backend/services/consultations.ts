// Consultations (咨询): an applicant who asked at the window and left without
// a case. The clerk logs the matter asked about, a note and the minutes spent;
// the note may name the applicant, so it is stored encrypted.
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { Consultation } from '../../../shared/supervision/schemas.ts';
import { decryptText, encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { localDay } from '../../../shared/local-time.ts';
import type { CatalogService } from './catalog.ts';

export function logConsultation(
  db: DatabaseSync,
  keys: DeviceKeys,
  catalog: CatalogService,
  userId: string,
  input: { matterId: string | null; note: string; minutes: number },
): Consultation {
  if (input.matterId !== null && !catalog.matter(input.matterId)) {
    throw rejected('matter_unknown', 'The matter is not in the catalog.', { matterId: input.matterId });
  }
  const at = new Date();
  const consultationId = uuidv7(at.getTime());
  db.prepare(
    `INSERT INTO consultations (consultation_id, day, at, user_id, matter_id, note_enc, minutes)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    consultationId,
    localDay(at),
    at.toISOString(),
    userId,
    input.matterId,
    encryptText(keys.fields, input.note, `consultations.note:${consultationId}`),
    input.minutes,
  );
  return readConsultations(db, keys, 'consultation_id = ?', [consultationId])[0]!;
}

/** Consultations matching `where` (over `consultations k`), in the order they were logged, notes decrypted. */
export function readConsultations(
  db: DatabaseSync,
  keys: DeviceKeys,
  where: string,
  params: (string | number)[],
): Consultation[] {
  const rows = db
    .prepare(
      `SELECT k.consultation_id, k.at, k.user_id, u.display_name, k.matter_id, k.note_enc, k.minutes
       FROM consultations k JOIN users u USING (user_id) WHERE ${where} ORDER BY k.at`,
    )
    .all(...params) as {
    consultation_id: string;
    at: string;
    user_id: string;
    display_name: string;
    matter_id: string | null;
    note_enc: string;
    minutes: number;
  }[];
  return rows.map((r) => ({
    consultationId: r.consultation_id,
    at: r.at,
    userId: r.user_id,
    clerk: r.display_name,
    matterId: r.matter_id,
    note: decryptText(keys.fields, r.note_enc, `consultations.note:${r.consultation_id}`),
    minutes: r.minutes,
  }));
}
