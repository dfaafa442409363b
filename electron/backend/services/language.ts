// The device's UI language: one preference for everyone at this window,
// chosen before anyone logs in.
import type { DatabaseSync } from 'node:sqlite';
import { DEFAULT_LANGUAGE, languageSchema, type Language } from '../../../shared/languages.ts';
import { getSetting, setSetting } from '../store/settings.ts';

const LANGUAGE_SETTING = 'language';

export class LanguagePreference {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** The stored language, or the default when none (or one no longer offered) is stored. */
  get(): Language {
    const stored = languageSchema.safeParse(getSetting(this.db, LANGUAGE_SETTING));
    return stored.success ? stored.data : DEFAULT_LANGUAGE;
  }

  set(language: Language): void {
    setSetting(this.db, LANGUAGE_SETTING, language);
  }
}
