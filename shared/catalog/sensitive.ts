// Which of a case's form fields are masked in every answer, and the form data
// as an answer may carry it. The full value of a masked field comes only from
// an audited reveal.
import { maskSensitive } from '../identity/mask.ts';
import type { Matter, SensitiveKind } from './schema.ts';
import { SEED_CATALOG } from './seed.ts';

/** How each field of a matter is masked; null: shown as typed. */
export type FieldMasks = (fieldId: string) => SensitiveKind | null;

/**
 * The marks of the matter's catalog, with those the shipped seed gives the
 * same matter as a floor: a catalog published before fields were marked does
 * not unmask a bank account. A matter this device does not know (its catalog
 * replaced since) has every field masked, for nothing says which are safe.
 */
export function fieldMasks(matterId: string, matter: Matter | null): FieldMasks {
  if (!matter) return () => 'document_number';
  const seed = SEED_CATALOG.matters.find((m) => m.id === matterId);
  const marks = new Map<string, SensitiveKind>();
  for (const field of [...(seed?.formFields ?? []), ...matter.formFields]) {
    if (field.sensitive) marks.set(field.id, field.sensitive);
  }
  return (fieldId) => marks.get(fieldId) ?? null;
}

/** The form data with every sensitive value masked, and the ids of the fields masked. */
export function maskFormData(
  formData: Readonly<Record<string, string | number>>,
  masks: FieldMasks,
): { formData: Record<string, string | number>; sensitiveFields: string[] } {
  const sensitiveFields: string[] = [];
  const masked = Object.fromEntries(
    Object.entries(formData).map(([fieldId, value]) => {
      const kind = masks(fieldId);
      if (kind === null) return [fieldId, value];
      sensitiveFields.push(fieldId);
      return [fieldId, maskSensitive(kind, value)];
    }),
  );
  return { formData: masked, sensitiveFields };
}
