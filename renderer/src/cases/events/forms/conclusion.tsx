// 办结: the handling place's decision, with its result documents — approved,
// approved with 容缺 materials still owed, or refused with reasons and remedies.
import type { EventForm, FieldsProps, PayloadContext, PayloadInput, Placement } from '../types.ts';
import { AreaField, field, FileField, MaterialsField, TextField } from './fields.tsx';
import {
  refusalPlacements,
  RefusalFields,
  refusal,
  REMEDY_REQUIRED,
  remedyBodies,
  type RemedyValues,
} from './remedies.tsx';
import { optional, trimmed } from './values.ts';

type DocumentValues = { documentTitle?: string; note?: string };
type Concluded = PayloadInput<'case.concluded_approved'>;

/** Every uploaded file is a result document under the one title typed. */
const resultDocuments = (values: DocumentValues, { files }: PayloadContext): Concluded['resultDocuments'] =>
  files.map((doc) => ({ ...doc, materialId: null, title: trimmed(values.documentTitle) }));

const DOCUMENT_PLACEMENTS: { [K in keyof Concluded]-?: Placement } = {
  resultDocuments: ([, key]) =>
    key === 'title' ? field('documentTitle', 'actions.documentTitle') : { label: 'actions.resultDocuments' },
  note: field('note', 'actions.note'),
};

function DocumentFields() {
  return (
    <>
      <FileField label="actions.resultDocuments" />
      <TextField name="documentTitle" label="actions.documentTitle" />
    </>
  );
}

// The schema asks a title of each uploaded document only; the form asks for it always, files or not.
const TITLE: ['documentTitle'] = ['documentTitle'];

export const concludedApprovedForm: EventForm<'case.concluded_approved', DocumentValues> = {
  type: 'case.concluded_approved',
  Fields: () => (
    <>
      <DocumentFields />
      <AreaField name="note" label="actions.note" />
    </>
  ),
  required: [],
  alsoRequired: TITLE,
  attachments: 'files',
  toPayload: (values, context) => ({ resultDocuments: resultDocuments(values, context), note: optional(values.note) }),
  fields: DOCUMENT_PLACEMENTS,
};

type DeferredValues = DocumentValues & { materialIds?: string[] };

export const concludedApprovedDeferredForm: EventForm<'case.concluded_approved_deferred', DeferredValues> = {
  type: 'case.concluded_approved_deferred',
  Fields: ({ matter, language }: FieldsProps) => (
    <>
      <DocumentFields />
      <MaterialsField label="actions.deferredMaterials" matter={matter} language={language} />
      <AreaField name="note" label="actions.note" />
    </>
  ),
  required: ['materialIds'],
  alsoRequired: TITLE,
  attachments: 'files',
  toPayload: (values, context) => ({
    resultDocuments: resultDocuments(values, context),
    note: optional(values.note),
    deferredMaterialIds: values.materialIds ?? [],
  }),
  fields: { ...DOCUMENT_PLACEMENTS, deferredMaterialIds: field('materialIds', 'actions.deferredMaterials') },
};

type RefusedValues = DocumentValues & RemedyValues;

const REFUSED_REASONS = 'actions.refusedReasons';

export const concludedRefusedForm: EventForm<'case.concluded_refused', RefusedValues> = {
  type: 'case.concluded_refused',
  Fields: ({ matter }: FieldsProps) => (
    <>
      <DocumentFields />
      <RefusalFields matter={matter} reasonsLabel={REFUSED_REASONS} />
    </>
  ),
  required: REMEDY_REQUIRED,
  alsoRequired: TITLE,
  attachments: 'files',
  prefill: remedyBodies,
  // No note field here: the reasons say why.
  toPayload: (values, context) => ({
    resultDocuments: resultDocuments(values, context),
    ...refusal(values, context.matter),
  }),
  fields: { ...DOCUMENT_PLACEMENTS, ...refusalPlacements(REFUSED_REASONS), note: { label: 'actions.note' } },
};
