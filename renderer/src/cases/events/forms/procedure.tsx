// What stops or moves the clock while the handling place decides: a special
// procedure (hearing, inspection…) and an extension (延期) of the statutory limit.
import { useTranslation } from 'react-i18next';
import { Alert, Form, InputNumber, Select } from 'antd';
import { limitWording } from '../../../notices/notices.ts';
import type { EventForm, FieldsProps } from '../types.ts';
import { AreaField, field, TextField, useRules } from './fields.tsx';
import { chosen, optional, trimmed } from './values.ts';

const PROCEDURES = ['hearing', 'inspection', 'expert_review', 'other'] as const;
type StartedValues = { kind?: (typeof PROCEDURES)[number]; reason?: string };

function ProcedureStartFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="kind" label={t('actions.kind')} rules={useRules('kind', 'chosen', 'actions.kind')}>
        <Select options={PROCEDURES.map((k) => ({ value: k, label: t(`actions.kinds.${k}`) }))} />
      </Form.Item>
      <AreaField name="reason" label="actions.reason" />
    </>
  );
}

export const specialProcedureStartedForm: EventForm<'case.special_procedure_started', StartedValues> = {
  type: 'case.special_procedure_started',
  Fields: ProcedureStartFields,
  required: ['kind', 'reason'],
  toPayload: (values) => ({ kind: chosen(values.kind), reason: trimmed(values.reason) }),
  fields: { kind: field('kind', 'actions.kind'), reason: field('reason', 'actions.reason') },
};

type EndedValues = { note?: string };

export const specialProcedureEndedForm: EventForm<'case.special_procedure_ended', EndedValues> = {
  type: 'case.special_procedure_ended',
  Fields: () => <AreaField name="note" label="actions.note" />,
  required: [],
  toPayload: (values) => ({ note: optional(values.note) }),
  fields: { note: field('note', 'actions.note') },
};

type ExtendedValues = { count?: number | null; reason?: string; legalBasis?: string };

/**
 * The new last day, as the backend worked it out for each count the law allows
 * (the clock run again with the extension); beyond the ceiling, the refusal's words.
 */
function ExtensionPreview({ detail, matter }: FieldsProps) {
  const { t } = useTranslation();
  const count = Form.useWatch('count', Form.useFormInstance()) as number | null | undefined;
  const extension = matter?.limits.extension;
  const date = detail.extensionDates.find((d) => d.count === count)?.date;
  const text = !matter
    ? t('withdrawal.extension.previewUnknown')
    : typeof count !== 'number'
      ? t('withdrawal.extension.previewEmpty')
      : date
        ? t('withdrawal.extension.preview', { date })
        : t('reasons.extension_too_long', { max: extension?.count, context: matter.limits.unit ?? 'working_days' });
  return <Alert type={date ? 'info' : 'warning'} showIcon title={text} data-testid="extension-preview" />;
}

// The law's ceiling is shown, and the backend refuses beyond it with the reason.
function ExtensionFields(props: FieldsProps) {
  const { t } = useTranslation();
  const { matter } = props;
  const extension = matter?.limits.extension;
  return (
    <>
      <Form.Item
        name="count"
        label={t('actions.extendBy')}
        rules={useRules('count', 'chosen', 'actions.extendBy')}
        extra={
          extension &&
          t('actions.extendByHint', {
            max: t('actions.period', { days: extension.count, context: limitWording(matter) }),
            times: extension.times,
          })
        }
      >
        <InputNumber min={1} max={365} precision={0} data-testid="action-count" />
      </Form.Item>
      <AreaField name="reason" label="actions.reason" />
      <TextField name="legalBasis" label="actions.legalBasis" />
      <ExtensionPreview {...props} />
    </>
  );
}

export const deadlineExtendedForm: EventForm<'case.deadline_extended', ExtendedValues> = {
  type: 'case.deadline_extended',
  Fields: ExtensionFields,
  required: ['count', 'reason', 'legalBasis'],
  toPayload: (values) => ({
    count: chosen(values.count),
    reason: trimmed(values.reason),
    legalBasis: trimmed(values.legalBasis),
  }),
  fields: {
    count: field('count', 'actions.extendBy'),
    reason: field('reason', 'actions.reason'),
    legalBasis: field('legalBasis', 'actions.legalBasis'),
  },
};
