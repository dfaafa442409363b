// The shapes of the event registry: what every event type shows on a case's
// timeline, and what every type staff record has as its form. Both are typed
// from the payload schemas, so a form builds exactly what its schema takes.
import type { ComponentType } from 'react';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { Authority, Matter } from '../../../../shared/catalog/index.ts';
import type { EVENT_PAYLOADS, EventType } from '../../../../shared/case/events.ts';
import type { Resources } from '../../../../shared/i18n/index.ts';
import type { Language } from '../../../../shared/languages.ts';
import type { CaseDetail, RecordableEventType } from '../../../../shared/rpc/contract.ts';

export type { RecordableEventType };

/** What a form hands to the schema of its event type. */
export type PayloadInput<T extends EventType> = z.input<(typeof EVENT_PAYLOADS)[T]>;

/**
 * A payload as a timeline entry carries it: recorded by this version or an
 * older one, personal data masked; so every field may be missing.
 */
export type Recorded<T extends EventType> = Partial<z.output<(typeof EVENT_PAYLOADS)[T]>>;

type EventNames = Resources['cases']['events']['case'];
/** The i18n key of an event type's name; `never` (a type error) where the messages lack it. */
export type EventLabel<T extends EventType> = T extends `case.${infer Name}`
  ? Name extends keyof EventNames
    ? `cases.events.${T}`
    : never
  : never;

export interface TimelineContext {
  t: TFunction;
  matter: Matter | undefined;
  /** A material of the checklist by name; null is an item outside it. */
  material(id: string | null): string;
}

export interface EventView<T extends EventType> {
  label: EventLabel<T>;
  /** The facts an entry of this type shows on the case's timeline, a line each. */
  timeline(details: Recorded<T>, context: TimelineContext): readonly string[];
}

/** A form field's name as antd's Form takes it: a name, or a path into a list. */
export type FieldName = string | (string | number)[];

/** Where a schema issue is shown: under a field, or (no name) above the buttons; label is the field's i18n key. */
export interface FieldRef {
  name?: FieldName;
  label: string;
}

/** A file of the form, uploaded before the payload is made. */
export interface UploadedFile {
  sha256: string;
  mediaType: string;
}

export type SignatureRef = PayloadInput<'case.result_collected'>['signature'];

export interface PayloadContext {
  matter: Matter | undefined;
  /** The files chosen in the form's file input, uploaded. */
  files: readonly UploadedFile[];
  /** The collector's signature, drawn on screen and uploaded or captured on the pad. */
  signature: SignatureRef | null;
}

/** The field a payload key's issues are shown at; a function where the key holds a list of the form's rows. */
export type Placement = FieldRef | ((rest: readonly PropertyKey[], context: PayloadContext) => FieldRef);

export interface FieldsProps {
  detail: CaseDetail;
  matter: Matter | undefined;
  language: Language;
}

/** A form's values as antd's Form holds them: anything may be empty until the schema says otherwise. */
export type FormValues = Record<string, unknown>;

export interface EventForm<T extends RecordableEventType, V extends FormValues = FormValues> {
  type: T;
  Fields: ComponentType<FieldsProps>;
  /** The fields without which the schema refuses the payload. */
  required: readonly (keyof V & string)[];
  /** Fields the form asks for although the schema would take the payload without them (why: at the form). */
  alsoRequired?: readonly (keyof V & string)[];
  initialValues?(detail: Pick<CaseDetail, 'applicant' | 'delivery'>): Partial<V>;
  /** What the modal collects beside the fields: the chosen files, or the collector's signature. */
  attachments?: 'files' | 'signature';
  /** Values that come from the handling place's authority in the register (its courts, say). */
  prefill?(authority: Authority, language: Language): Partial<V>;
  toPayload(values: V, context: PayloadContext): PayloadInput<T>;
  /** For every key of the payload, the field its issues are shown at. */
  fields: { [K in keyof PayloadInput<T> & string]-?: Placement };
}

/** The registry's tables: an event type without its view or form does not compile. */
export type EventViews = { [T in EventType]: EventView<T> };
export type EventForms = { [T in RecordableEventType]: EventForm<T> };
