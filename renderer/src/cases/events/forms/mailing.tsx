// What goes by post: the paper originals to the handling place, and the
// result to the applicant or back to the intake window.
import { useTranslation } from 'react-i18next';
import { Form, Radio, Space } from 'antd';
import type { EventForm, FieldsProps, PayloadInput, Placement } from '../types.ts';
import { DateField, field, MaterialsField, TextField, useRules } from './fields.tsx';
import { chosen, today, trimmed } from './values.ts';

type MailingValues = { carrier?: string; waybillNo?: string; mailedOn?: string };
type Mailing = Pick<PayloadInput<'case.result_mailed'>, 'carrier' | 'waybillNo' | 'mailedOn'>;

const MAILING_REQUIRED = ['carrier', 'waybillNo', 'mailedOn'] as const;

const MAILING_PLACEMENTS: { [K in keyof Mailing]: Placement } = {
  carrier: field('carrier', 'actions.carrier'),
  waybillNo: field('waybillNo', 'actions.waybillNo'),
  mailedOn: field('mailedOn', 'actions.mailedOn'),
};

const mailing = (values: MailingValues): Mailing => ({
  carrier: trimmed(values.carrier),
  waybillNo: trimmed(values.waybillNo),
  mailedOn: String(values.mailedOn ?? ''),
});

function MailingFields() {
  return (
    <Space wrap>
      <TextField name="carrier" label="actions.carrier" />
      <TextField name="waybillNo" label="actions.waybillNo" />
      <DateField name="mailedOn" label="actions.mailedOn" />
    </Space>
  );
}

type DispatchValues = MailingValues & { materialIds?: string[] };

export const originalsDispatchedForm: EventForm<'case.originals_dispatched', DispatchValues> = {
  type: 'case.originals_dispatched',
  Fields: ({ matter, language }: FieldsProps) => (
    <>
      <MailingFields />
      <MaterialsField label="actions.materials" matter={matter} language={language} />
    </>
  ),
  required: [...MAILING_REQUIRED, 'materialIds'],
  initialValues: () => ({ mailedOn: today() }),
  toPayload: (values) => ({ ...mailing(values), materialIds: values.materialIds ?? [] }),
  fields: { ...MAILING_PLACEMENTS, materialIds: field('materialIds', 'actions.materials') },
};

const RECIPIENTS = ['applicant', 'intake_window'] as const;
type ResultMailedValues = MailingValues & { to?: (typeof RECIPIENTS)[number] };

function ResultMailedFields() {
  const { t } = useTranslation();
  return (
    <>
      <MailingFields />
      <Form.Item name="to" label={t('actions.to')} rules={useRules('to', 'chosen', 'actions.to')}>
        <Radio.Group options={RECIPIENTS.map((to) => ({ value: to, label: t(`actions.tos.${to}`) }))} />
      </Form.Item>
    </>
  );
}

export const resultMailedForm: EventForm<'case.result_mailed', ResultMailedValues> = {
  type: 'case.result_mailed',
  Fields: ResultMailedFields,
  required: [...MAILING_REQUIRED, 'to'],
  initialValues: () => ({ mailedOn: today() }),
  toPayload: (values) => ({ ...mailing(values), to: chosen(values.to) }),
  fields: { ...MAILING_PLACEMENTS, to: field('to', 'actions.to') },
};
