// What goes by post: the paper originals to the handling place, and the
// result to the applicant or back to the intake window. EMS is the usual
// carrier; its waybill number is checked as typed, as the backend checks it.
import { useTranslation } from 'react-i18next';
import { Form, Input, Radio, Space } from 'antd';
import type { FormRule } from 'antd';
import { checkWaybill } from '../../../../../shared/case/waybill.ts';
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

function WaybillField() {
  const { t } = useTranslation();
  const shape: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      const typed = trimmed(value);
      if (typed !== '' && !checkWaybill(trimmed(getFieldValue('carrier')), typed).ok) {
        throw new Error(t('reasons.waybill_invalid'));
      }
    },
  });
  return (
    <Form.Item
      name="waybillNo"
      label={t('actions.waybillNo')}
      dependencies={['carrier']}
      rules={[...useRules('waybillNo', 'text', 'actions.waybillNo'), shape]}
    >
      <Input data-testid="action-waybillNo" />
    </Form.Item>
  );
}

function MailingFields() {
  return (
    <Space wrap>
      <TextField name="carrier" label="actions.carrier" />
      <WaybillField />
      <DateField name="mailedOn" label="actions.mailedOn" />
    </Space>
  );
}

const EMS = 'EMS';

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
  initialValues: () => ({ carrier: EMS, mailedOn: today() }),
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
  // A result the applicant asked to have posted goes to the applicant; one to collect at the window goes there.
  initialValues: ({ delivery }) => ({
    carrier: EMS,
    mailedOn: today(),
    to: delivery?.method === 'post' ? 'applicant' : delivery?.method === 'intake_window' ? 'intake_window' : undefined,
  }),
  toPayload: (values) => ({ ...mailing(values), to: chosen(values.to) }),
  fields: { ...MAILING_PLACEMENTS, to: field('to', 'actions.to') },
};
