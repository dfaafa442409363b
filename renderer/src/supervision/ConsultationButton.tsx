// 咨询登记: a question answered at the window without a case — which matter
// it was about (if any), what was asked, how long it took — for the ledger.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, message } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { searchMatters } from '../../../shared/catalog/search.ts';
import type { Consultation } from '../../../shared/supervision/schemas.ts';
import { useLanguage, useMatters } from '../cases/format.ts';
import { rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { useSubmit } from '../use-submit.ts';

// The contract's limits, checked here first so the mistake is named by field.
const MAX_NOTE = 500;
const MAX_MINUTES = 480;
const MATTER_RESULTS = 30;

interface Values {
  matterId?: string;
  note: string;
  minutes: number;
}

/** The button, for whoever may log one; `onLogged` lets the ledger show it at once. */
export function ConsultationButton({ onLogged }: { onLogged?(consultation: Consultation): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [toast, toastHolder] = message.useMessage();
  if (!can('consultations.log')) return null;
  return (
    <>
      {toastHolder}
      <Button icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="consultation-open">
        {t('supervision.consultation.open')}
      </Button>
      {open && (
        <ConsultationModal
          onClose={() => setOpen(false)}
          onLogged={(consultation) => {
            setOpen(false);
            void toast.success(t('supervision.consultation.done'));
            onLogged?.(consultation);
          }}
        />
      )}
    </>
  );
}

function ConsultationModal({ onClose, onLogged }: { onClose(): void; onLogged(consultation: Consultation): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const matters = useMatters();
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState('');
  const { busy, error, submit } = useSubmit<Values, Consultation>(
    (v) => rpc('consultations.log', { matterId: v.matterId ?? null, note: v.note.trim(), minutes: v.minutes }),
    onLogged,
  );
  // The intake search (name, pinyin initials, code) over every matter: a question may be about any of them.
  const options = useMemo(
    () =>
      searchMatters([...matters.values()], query, MATTER_RESULTS).map((m) => ({
        value: m.id,
        label: `${m.names[language]}（${m.id}）`,
      })),
    [matters, query, language],
  );

  return (
    <Modal
      open
      title={t('supervision.consultation.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('supervision.consultation.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="consultation-submit">
            {t('supervision.consultation.submit')}
          </Button>
        </Space>
      }
      destroyOnHidden
      data-testid="consultation-modal"
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="consultation-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={{ minutes: 5 }}
        requiredMark={false}
      >
        <Form.Item name="matterId" label={t('supervision.consultation.matter')}>
          <Select<string>
            allowClear
            showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
            placeholder={t('supervision.consultation.matterPlaceholder')}
            options={options}
            onChange={() => setQuery('')}
            data-testid="consultation-matter"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('supervision.consultation.note')}
          rules={[
            { required: true, whitespace: true, max: MAX_NOTE, message: t('supervision.consultation.noteInvalid') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={MAX_NOTE} showCount data-testid="consultation-note" />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('supervision.consultation.minutes')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 1,
              max: MAX_MINUTES,
              message: t('supervision.consultation.minutesInvalid'),
            },
          ]}
        >
          <InputNumber
            min={1}
            max={MAX_MINUTES}
            precision={0}
            style={{ width: 140 }}
            data-testid="consultation-minutes"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
