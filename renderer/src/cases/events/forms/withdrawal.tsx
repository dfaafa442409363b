// 撤件: the applicant, or their agent, withdraws the application. Recorded at
// the window or at the handling place, whichever the applicant asks; the
// place is this device's side of the case, not something to choose.
import { useTranslation } from 'react-i18next';
import { Alert, Form, Input, Select } from 'antd';
import type { EventForm, FieldsProps } from '../types.ts';
import { AreaField, field, useRules } from './fields.tsx';
import { chosen, trimmed } from './values.ts';

type WithdrawnValues = { reason?: string; requestedBy?: 'applicant' | 'agent'; side?: 'intake' | 'handling' };

function WithdrawalFields({ detail }: FieldsProps) {
  const { t } = useTranslation();
  // The agent can ask only where the case has one.
  const askers = detail.agent ? (['applicant', 'agent'] as const) : (['applicant'] as const);
  return (
    <>
      <Alert type="warning" showIcon title={t('withdrawal.form.hint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="requestedBy"
        label={t('withdrawal.form.requestedBy')}
        rules={useRules('requestedBy', 'chosen', 'withdrawal.form.requestedBy')}
      >
        <Select
          options={askers.map((who) => ({ value: who, label: t(`withdrawal.form.requestedBys.${who}`) }))}
          data-testid="action-requestedBy"
        />
      </Form.Item>
      <AreaField name="reason" label="withdrawal.form.reason" />
      <Form.Item name="side" hidden initialValue={detail.row.origin === 'inbox' ? 'handling' : 'intake'}>
        <Input />
      </Form.Item>
    </>
  );
}

export const withdrawnForm: EventForm<'case.withdrawn', WithdrawnValues> = {
  type: 'case.withdrawn',
  Fields: WithdrawalFields,
  required: ['reason', 'requestedBy', 'side'],
  initialValues: () => ({ requestedBy: 'applicant' }),
  toPayload: (values) => ({
    reason: trimmed(values.reason),
    requestedBy: chosen(values.requestedBy),
    side: chosen(values.side),
  }),
  fields: {
    reason: field('reason', 'withdrawal.form.reason'),
    requestedBy: field('requestedBy', 'withdrawal.form.requestedBy'),
    side: { label: 'withdrawal.notice.fields.recordedAt' },
  },
};
