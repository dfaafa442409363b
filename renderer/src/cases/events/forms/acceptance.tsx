// The handling place takes the case in: it signs for what arrived, then
// accepts it (受理) or refuses it (不予受理) with reasons and remedies.
import { useTranslation } from 'react-i18next';
import { Form, Radio } from 'antd';
import type { EventForm, FieldsProps } from '../types.ts';
import { AreaField, field, TextField, useRules } from './fields.tsx';
import {
  refusalPlacements,
  RefusalFields,
  refusal,
  REMEDY_REQUIRED,
  remedyBodies,
  type RemedyValues,
} from './remedies.tsx';
import { chosen, optional, trimmed } from './values.ts';

const PARTS = ['electronic', 'originals'] as const;
type SignedForValues = { part?: (typeof PARTS)[number]; note?: string };

function SignedForFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="part" label={t('actions.part')} rules={useRules('part', 'chosen', 'actions.part')}>
        <Radio.Group options={PARTS.map((p) => ({ value: p, label: t(`actions.parts.${p}`) }))} />
      </Form.Item>
      <AreaField name="note" label="actions.note" />
    </>
  );
}

export const signedForForm: EventForm<'case.signed_for', SignedForValues> = {
  type: 'case.signed_for',
  Fields: SignedForFields,
  required: ['part'],
  initialValues: () => ({ part: 'electronic' }),
  toPayload: (values) => ({ part: chosen(values.part), note: optional(values.note) }),
  fields: { part: field('part', 'actions.part'), note: field('note', 'actions.note') },
};

const NOT_ACCEPTED_REASONS = 'actions.notAcceptedReasons';

type AcceptedValues = { acceptanceNo?: string };

export const acceptedForm: EventForm<'case.accepted', AcceptedValues> = {
  type: 'case.accepted',
  Fields: () => <TextField name="acceptanceNo" label="actions.acceptanceNo" />,
  required: ['acceptanceNo'],
  toPayload: (values) => ({ acceptanceNo: trimmed(values.acceptanceNo) }),
  fields: { acceptanceNo: field('acceptanceNo', 'actions.acceptanceNo') },
};

export const notAcceptedForm: EventForm<'case.not_accepted', RemedyValues> = {
  type: 'case.not_accepted',
  Fields: ({ matter }: FieldsProps) => <RefusalFields matter={matter} reasonsLabel={NOT_ACCEPTED_REASONS} />,
  required: REMEDY_REQUIRED,
  prefill: remedyBodies,
  toPayload: (values, { matter }) => refusal(values, matter),
  fields: refusalPlacements(NOT_ACCEPTED_REASONS),
};
