// From a form's values to a payload's: text trimmed, lines split, an empty
// optional text left out. A value the form does not have stays missing, for
// the schema to refuse by name.

/** Today in the device's time zone, as a date input holds it. */
export function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

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
