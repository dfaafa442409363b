// What the privacy notice states that only the administrator knows: how long
// a case's personal data is kept and where the applicant asks about it. Kept
// in the device's settings; an intake is refused until both are set, since a
// notice without them would not tell the applicant what the law requires.
import type { DatabaseSync } from 'node:sqlite';
import { privacySettingsSchema, type PrivacySettings } from '../../../shared/case/privacy-notice.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { getSetting, setSetting } from '../store/settings.ts';

const KEY = 'privacy_notice';

export function readPrivacySettings(db: DatabaseSync): PrivacySettings | null {
  const stored = getSetting(db, KEY);
  if (stored === undefined) return null;
  const parsed = privacySettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : null;
}

export class PrivacySettingsStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  read(): PrivacySettings | null {
    return readPrivacySettings(this.db);
  }

  /** Each value checked against the schema's bounds, named in the refusal, before anything is written. */
  save(input: { retentionYears: number; contact: string }): PrivacySettings {
    const { shape } = privacySettingsSchema;
    if (!shape.retentionYears.safeParse(input.retentionYears).success) {
      throw rejected('privacy_retention_invalid', 'The retention period must be a whole number of years, 1 to 100.');
    }
    if (!shape.contact.safeParse(input.contact).success) {
      throw rejected('privacy_contact_invalid', 'The contact must be 5 to 200 characters.');
    }
    const settings = privacySettingsSchema.parse(input);
    setSetting(this.db, KEY, JSON.stringify(settings));
    return settings;
  }
}
