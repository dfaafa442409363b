// What the payload schema says is wrong, said at the form's field it came
// from, in the user's language and naming the field.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { EventForm, FieldName, FieldRef, PayloadContext, Placement, RecordableEventType } from './types.ts';

type Issue = z.core.$ZodIssue;

export interface FieldError {
  /** The field to show it under; none: above the buttons. */
  name?: FieldName;
  messages: string[];
}

export function issueMessage(issue: Issue, label: string, t: TFunction): string {
  const field = t(label);
  // A missing value reaches the schema as undefined (a wrong type), or as an empty text or list.
  const required = (): string => t('actions.invalid.required', { field });
  switch (issue.code) {
    case 'invalid_type':
      return required();
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' || (issue.origin === 'array' && min <= 1)) return required();
      return t(issue.origin === 'array' ? 'actions.invalid.tooFew' : 'actions.invalid.tooSmall', { field, min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      const key = issue.origin === 'string' ? 'tooLong' : issue.origin === 'array' ? 'tooMany' : 'tooBig';
      return t(`actions.invalid.${key}`, { field, max });
    }
    default:
      return t('reasons.invalid_payload', { field });
  }
}

/** Where an issue at `path` is shown; the event's own name where the form has no field for it. */
function placeOf(
  form: EventForm<RecordableEventType>,
  path: readonly PropertyKey[],
  context: PayloadContext,
): FieldRef {
  const [key, ...rest] = path;
  const placement = (form.fields as Partial<Record<PropertyKey, Placement>>)[key ?? ''];
  if (!placement) return { label: `cases.events.${form.type}` };
  return typeof placement === 'function' ? placement(rest, context) : placement;
}

/** The schema's issues, one entry per field, in the order the issues came. */
export function fieldErrors(
  form: EventForm<RecordableEventType>,
  issues: readonly Issue[],
  context: PayloadContext,
  t: TFunction,
): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    const { name, label } = placeOf(form, issue.path, context);
    const key = JSON.stringify(name ?? null);
    const entry = byField.get(key) ?? { ...(name === undefined ? {} : { name }), messages: [] };
    const message = issueMessage(issue, label, t);
    if (!entry.messages.includes(message)) entry.messages.push(message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}
