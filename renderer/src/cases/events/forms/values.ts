// From a form's values to a payload's: text trimmed, lines split, an empty
// optional text left out. A value the form does not have stays missing, for
// the schema to refuse by name.
import { localDay } from '../../../../../shared/local-time.ts';

/** Today in the device's time zone, as a date input holds it. */
export const today = (): string => localDay(new Date());

export const trimmed = (text: unknown): string => String(text ?? '').trim();

export const lines = (text: unknown): string[] =>
  String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const optional = (text: unknown): string | undefined => trimmed(text) || undefined;

/**
 * A choice the form may not have yet (a radio, a select, a rating), passed on
 * as it is: the payload schema, not this type, decides whether it is there.
 */
export const chosen = <T>(value: T | null | undefined): T => value as T;
