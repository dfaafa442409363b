// How the result reaches the applicant: sent electronically, arrived at the
// intake window by post, or collected there against a signature (出件).
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Form, Select, Space } from 'antd';
import { IDENTITY_KINDS, type IdentityKind } from '../../../../../shared/identity/validate.ts';
import { SignatureCanvas } from '../../SignatureCanvas.tsx';
import type { EventForm } from '../types.ts';
import { field, TextField, useFormFrame, useRules } from './fields.tsx';
import { chosen, optional, trimmed } from './values.ts';

type ChannelValues = { channel?: string };

export const resultDeliveredElectronicallyForm: EventForm<'case.result_delivered_electronically', ChannelValues> = {
  type: 'case.result_delivered_electronically',
  Fields: () => <TextField name="channel" label="actions.channel" />,
  required: ['channel'],
  toPayload: (values) => ({ channel: trimmed(values.channel) }),
  fields: { channel: field('channel', 'actions.channel') },
};

type ArrivedValues = { waybillNo?: string };

export const resultArrivedForm: EventForm<'case.result_arrived', ArrivedValues> = {
  type: 'case.result_arrived',
  Fields: () => <TextField name="waybillNo" label="actions.waybillNo" />,
  required: [],
  toPayload: (values) => ({ waybillNo: optional(values.waybillNo) }),
  fields: { waybillNo: field('waybillNo', 'actions.waybillNo') },
};

/** On screen, or on the signature pad where the device has one. */
function SignatureField() {
  const { t } = useTranslation();
  const { signature } = useFormFrame();
  if (!signature) return null;
  const { canvas, padAvailable, padSigned, busy, signOnPad } = signature;
  return (
    <Form.Item label={t('actions.signature')} extra={t('actions.signatureHint')}>
      {padSigned ? (
        <Alert type="success" showIcon title={t('actions.padSigned')} data-testid="action-pad-signed" />
      ) : (
        <SignatureCanvas ref={canvas} />
      )}
      {padAvailable && !padSigned && (
        <Button onClick={signOnPad} loading={busy} data-testid="action-sign-on-pad">
          {t('actions.fromPad')}
        </Button>
      )}
    </Form.Item>
  );
}

function CollectionFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="byApplicant" valuePropName="checked">
        <Checkbox data-testid="action-byApplicant">{t('actions.byApplicant')}</Checkbox>
      </Form.Item>
      <Space wrap>
        <TextField name="collectorName" label="actions.collectorName" />
        <Form.Item
          name="collectorIdKind"
          label={t('actions.collectorIdKind')}
          rules={useRules('collectorIdKind', 'chosen', 'actions.collectorIdKind')}
        >
          <Select
            style={{ width: 200 }}
            options={IDENTITY_KINDS.filter((k) => k !== 'mobile').map((k) => ({
              value: k,
              label: t(`identity.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <TextField name="collectorId" label="actions.collectorId" />
      </Space>
      <SignatureField />
    </>
  );
}

type CollectedValues = {
  byApplicant?: boolean;
  collectorName?: string;
  collectorIdKind?: IdentityKind;
  collectorId?: string;
};

const COLLECTOR_FIELDS: Record<string, [name: keyof CollectedValues, label: string]> = {
  name: ['collectorName', 'actions.collectorName'],
  idKind: ['collectorIdKind', 'actions.collectorIdKind'],
  idNumber: ['collectorId', 'actions.collectorId'],
};

export const resultCollectedForm: EventForm<'case.result_collected', CollectedValues> = {
  type: 'case.result_collected',
  Fields: CollectionFields,
  required: ['collectorName', 'collectorIdKind', 'collectorId'],
  initialValues: (detail) => ({ collectorIdKind: detail.applicant.idKind, byApplicant: true }),
  attachments: 'signature',
  toPayload: (values, { signature }) => ({
    collector: {
      name: trimmed(values.collectorName),
      idKind: chosen(values.collectorIdKind),
      idNumber: trimmed(values.collectorId),
    },
    byApplicant: Boolean(values.byApplicant),
    signature: chosen(signature),
  }),
  fields: {
    collector: ([key]) => {
      const [name, label] = COLLECTOR_FIELDS[String(key)] ?? [];
      return name && label ? field(name, label) : { label: 'actions.collector' };
    },
    byApplicant: field('byApplicant', 'actions.byApplicant'),
    signature: { label: 'actions.signature' },
  },
};
