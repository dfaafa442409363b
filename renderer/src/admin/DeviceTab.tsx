import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, InputNumber, Spin, Typography, message } from 'antd';
import type { Device } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';

type DeviceValues = Omit<Device, 'deviceId'>;

export function DeviceTab() {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeviceValues>();
  const [toast, toastHolder] = message.useMessage();
  const [device, setDevice] = useState<Device | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    rpc('device.get', {}).then(setDevice, (e: unknown) => setError(describeError(e, t)));
  }, [t]);

  const save = async (values: DeviceValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      // An empty printer field means the system's default printer.
      const saved = await rpc('device.update', { ...values, receiptPrinter: values.receiptPrinter?.trim() || null });
      setDevice(saved);
      form.setFieldsValue(saved);
      void toast.success(t('admin.device.saved'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('admin.tabs.device')} style={{ maxWidth: 560 }}>
      {toastHolder}
      <Typography.Paragraph type="secondary">{t('admin.device.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="device-error" />}
      {!device ? (
        !error && <Spin />
      ) : (
        <Form<DeviceValues> form={form} layout="vertical" onFinish={save} disabled={busy} initialValues={device}>
          <Form.Item label={t('admin.device.deviceId')}>
            <Typography.Text code data-testid="device-id">
              {device.deviceId}
            </Typography.Text>
          </Form.Item>
          <Form.Item name="name" label={t('auth.deviceName')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input autoFocus data-testid="device-name" />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('auth.regionCode')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.regionCodeInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={6} data-testid="device-region" />
          </Form.Item>
          <Form.Item name="hall" label={t('auth.hall')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input data-testid="device-hall" />
          </Form.Item>
          <Form.Item
            name="windowNo"
            label={t('auth.windowNo')}
            rules={[{ required: true, pattern: /^\d{2}$/, message: t('auth.windowNoInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={2} data-testid="device-window" />
          </Form.Item>
          <Form.Item
            name="idleLockMinutes"
            label={t('admin.device.idleLock')}
            rules={[{ required: true, type: 'integer', min: 1, max: 240, message: t('admin.device.idleLockInvalid') }]}
          >
            <InputNumber precision={0} style={{ width: 160 }} data-testid="device-idle-lock" />
          </Form.Item>
          <Form.Item
            name="receiptPrinter"
            label={t('admin.device.receiptPrinter')}
            extra={t('admin.device.receiptPrinterHint')}
          >
            <Input maxLength={200} data-testid="device-receipt-printer" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="device-save">
            {t('admin.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
