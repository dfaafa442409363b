// The window's ID-card reader (身份证阅读器): none, a serial port (RS-232 or
// USB serial), a vendor's service on this machine, or the simulator; and the
// optional photo decoder. The backend checks each and refuses with a message
// said here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, Select, Spin, message } from 'antd';
import { ID_CARD_READER_KINDS, SIMULATOR_FAULTS } from '../../../shared/rpc/methods/id-card.ts';
import type { IdCardReaderSetting } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';

const BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;
type Kind = (typeof ID_CARD_READER_KINDS)[number];

interface Draft {
  kind: Kind;
  path: string;
  baudRate: (typeof BAUD_RATES)[number];
  url: string;
  card: string;
  fault: (typeof SIMULATOR_FAULTS)[number];
  decoder: string;
}

function settingOf(draft: Draft): IdCardReaderSetting {
  switch (draft.kind) {
    case 'none':
      return { kind: 'none' };
    case 'serial':
      return { kind: 'serial', path: draft.path.trim(), baudRate: draft.baudRate };
    case 'loopback':
      return { kind: 'loopback', url: draft.url.trim() };
    case 'simulator':
      return { kind: 'simulator', card: draft.card, fault: draft.fault };
  }
}

export function IdCardReaderCard() {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [cards, setCards] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = (status: { reader: IdCardReaderSetting; photoDecoder: string | null; simulatorCards: string[] }) => {
    const { reader } = status;
    setCards(status.simulatorCards);
    setDraft({
      kind: reader.kind,
      path: reader.kind === 'serial' ? reader.path : '',
      baudRate: reader.kind === 'serial' ? reader.baudRate : 115200,
      url: reader.kind === 'loopback' ? reader.url : '',
      card: reader.kind === 'simulator' ? reader.card : (status.simulatorCards[0] ?? ''),
      fault: reader.kind === 'simulator' ? reader.fault : 'none',
      decoder: status.photoDecoder ?? '',
    });
  };

  useEffect(() => {
    rpc('devices.idCardReader', {}).then(load, (e: unknown) => setError(describeError(e, t)));
  }, [t]);

  const save = async (): Promise<void> => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      load(
        await rpc('devices.setIdCardReader', { reader: settingOf(draft), photoDecoder: draft.decoder.trim() || null }),
      );
      void toast.success(t('idCard.settings.saved'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const set = (change: Partial<Draft>): void => setDraft((d) => (d ? { ...d, ...change } : d));
  return (
    <Card title={t('idCard.settings.title')} style={{ maxWidth: 560, marginTop: 16 }} data-testid="id-card-reader-card">
      {toastHolder}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="id-card-reader-error" />
      )}
      {!draft ? (
        !error && <Spin />
      ) : (
        <Form layout="vertical" onFinish={() => void save()} disabled={busy}>
          <Form.Item label={t('idCard.settings.kind')}>
            <Select
              value={draft.kind}
              onChange={(kind) => set({ kind })}
              options={ID_CARD_READER_KINDS.map((kind) => ({ value: kind, label: t(`idCard.settings.kinds.${kind}`) }))}
              data-testid="id-card-reader-kind"
            />
          </Form.Item>
          {draft.kind === 'serial' && (
            <>
              <Form.Item label={t('idCard.settings.path')} extra={t('idCard.settings.pathHint')}>
                <Input
                  value={draft.path}
                  placeholder="/dev/ttyUSB0"
                  onChange={(e) => set({ path: e.target.value })}
                  data-testid="id-card-reader-path"
                />
              </Form.Item>
              <Form.Item label={t('idCard.settings.baudRate')}>
                <Select
                  value={draft.baudRate}
                  onChange={(baudRate) => set({ baudRate })}
                  options={BAUD_RATES.map((rate) => ({ value: rate, label: String(rate) }))}
                />
              </Form.Item>
            </>
          )}
          {draft.kind === 'loopback' && (
            <Form.Item label={t('idCard.settings.url')}>
              <Input
                value={draft.url}
                placeholder="http://127.0.0.1:19196"
                onChange={(e) => set({ url: e.target.value })}
                data-testid="id-card-reader-url"
              />
            </Form.Item>
          )}
          {draft.kind === 'simulator' && (
            <>
              <Form.Item label={t('idCard.settings.card')}>
                <Select
                  value={draft.card}
                  onChange={(card) => set({ card })}
                  options={cards.map((card) => ({ value: card, label: card }))}
                  data-testid="id-card-reader-card-choice"
                />
              </Form.Item>
              <Form.Item label={t('idCard.settings.fault')}>
                <Select
                  value={draft.fault}
                  onChange={(fault) => set({ fault })}
                  options={SIMULATOR_FAULTS.map((fault) => ({ value: fault, label: fault }))}
                />
              </Form.Item>
            </>
          )}
          {draft.kind !== 'none' && (
            <Form.Item label={t('idCard.settings.decoder')} extra={t('idCard.settings.decoderHint')}>
              <Input
                value={draft.decoder}
                onChange={(e) => set({ decoder: e.target.value })}
                data-testid="id-card-reader-decoder"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="id-card-reader-save">
            {t('idCard.settings.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
