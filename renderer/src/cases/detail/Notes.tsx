// 业务协同: the thread between the intake clerk and the handling officer;
// sending is one event, made by the note form of the event registry and
// checked against its schema like every other.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, Form, List, Space, Typography } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import { EVENT_PAYLOADS } from '../../../../shared/case/events.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../../rpc.ts';
import { fieldErrors } from '../events/issues.ts';
import { EVENT_FORMS } from '../events/registry.ts';
import type { PayloadContext } from '../events/types.ts';
import { useLanguage } from '../format.ts';
import { WhenAndWho } from './Timeline.tsx';

const noteForm = EVENT_FORMS['case.note_added'];

export function CaseNotes({
  detail,
  matter,
  canWrite,
}: {
  detail: CaseDetail;
  matter: Matter | undefined;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<{ text?: string }>();
  const text = Form.useWatch('text', form) ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notes = detail.timeline.filter((entry) => entry.type === 'case.note_added');

  const send = async (): Promise<void> => {
    const context: PayloadContext = { matter, files: [], signature: null };
    const payload = noteForm.toPayload(form.getFieldsValue(), context);
    const checked = EVENT_PAYLOADS['case.note_added'].safeParse(payload);
    if (!checked.success) {
      setError(
        fieldErrors(noteForm, checked.error.issues, context, t)
          .flatMap(({ messages }) => messages)
          .join(' '),
      );
      return;
    }
    setBusy(true);
    try {
      await rpc('cases.record', { caseId: detail.row.caseId, type: 'case.note_added', payload });
      form.resetFields();
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="case-notes">
      <Typography.Title level={5}>{t('actions.notes')}</Typography.Title>
      {notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('actions.noNotes')} />
      ) : (
        <List
          size="small"
          dataSource={notes}
          renderItem={(note) => (
            <List.Item data-testid="case-note">
              <Space orientation="vertical" size={0}>
                <Typography.Text>{String(note.details.text)}</Typography.Text>
                <WhenAndWho entry={note} />
              </Space>
            </List.Item>
          )}
        />
      )}
      {canWrite && (
        // Enter in the input sends, as the button does; a blank note disables both.
        <Form form={form} onFinish={() => void send()}>
          <Space.Compact style={{ width: '100%' }}>
            <noteForm.Fields detail={detail} matter={matter} language={language} />
            <Button
              type="primary"
              htmlType="submit"
              loading={busy}
              disabled={!text.trim()}
              data-testid="case-note-send"
            >
              {t('actions.sendNote')}
            </Button>
          </Space.Compact>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </section>
  );
}
