// 一次性告知单 at the window: issued from a consultation, or from the materials
// check of an intake that cannot go ahead (the list then starts from what the
// check found missing), recorded on its consultation, printed in the
// applicant's language, and listed again to reprint.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Form, Input, InputNumber, List, Modal, Select, Space, Table, Typography } from 'antd';
import { FileExclamationOutlined, HistoryOutlined } from '@ant-design/icons';
import { searchMatters } from '../../../shared/catalog/search.ts';
import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import {
  NOTICE_PROBLEMS,
  type NoticeItem,
  type NoticeProblem,
  type OneTimeNotice,
} from '../../../shared/paperwork/one-time-notice.ts';
import { useLanguage, useMatters } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { useSubmit } from '../use-submit.ts';
import { OneTimeNoticeDocument } from './OneTimeNoticeDocument.tsx';
import { formatDate, PrintPreview } from './print.tsx';

const MATTER_RESULTS = 30;

export interface NoticeStart {
  matterId: string | null;
  items: NoticeItem[];
  language: Language;
}

/** The buttons beside the intake tabs: a new notice, and the notices issued here to reprint. */
export function OneTimeNoticeButtons() {
  const { t } = useTranslation();
  const { can } = useSession();
  const language = useLanguage();
  const [open, setOpen] = useState<'issue' | 'history' | null>(null);
  if (!can('consultations.log')) return null;
  return (
    <Space>
      <Button icon={<FileExclamationOutlined />} onClick={() => setOpen('issue')} data-testid="one-time-notice-open">
        {t('paperwork.notice.open')}
      </Button>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen('history')} data-testid="one-time-notice-history">
        {t('paperwork.notice.history')}
      </Button>
      {open === 'issue' && (
        <OneTimeNoticeFlow start={{ matterId: null, items: [], language }} onClose={() => setOpen(null)} />
      )}
      {open === 'history' && <OneTimeNoticeHistory onClose={() => setOpen(null)} />}
    </Space>
  );
}

/** Issue, then print: the printed notice is the one recorded. */
export function OneTimeNoticeFlow({ start, onClose }: { start: NoticeStart; onClose(): void }) {
  const [issued, setIssued] = useState<OneTimeNotice | null>(null);
  return issued ? (
    <OneTimeNoticePrint notice={issued} onClose={onClose} />
  ) : (
    <IssueModal start={start} onClose={onClose} onIssued={setIssued} />
  );
}

interface Values {
  matterId?: string;
  language: Language;
  note: string;
  minutes: number;
}

function IssueModal({
  start,
  onClose,
  onIssued,
}: {
  start: NoticeStart;
  onClose(): void;
  onIssued(notice: OneTimeNotice): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const matters = useMatters();
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState('');
  const [matterId, setMatterId] = useState<string | null>(start.matterId);
  const [items, setItems] = useState<Map<string, NoticeProblem>>(
    () => new Map(start.items.map((i) => [i.materialId, i.problem])),
  );
  const [missingItems, setMissingItems] = useState(false);
  const matter = matterId ? matters.get(matterId) : undefined;
  const { busy, error, submit } = useSubmit<Values, OneTimeNotice>(
    (v) =>
      rpc('paperwork.issueOneTimeNotice', {
        matterId: matterId ?? '',
        language: v.language,
        // In the checklist's order, as printed.
        items: (matter?.materials ?? []).flatMap((m) => {
          const problem = items.get(m.id);
          return problem ? [{ materialId: m.id, problem }] : [];
        }),
        note: v.note.trim(),
        minutes: v.minutes,
      }),
    onIssued,
  );
  const options = useMemo(
    () =>
      searchMatters([...matters.values()], query, MATTER_RESULTS).map((m) => ({
        value: m.id,
        label: `${m.names[language]}（${m.id}）`,
      })),
    [matters, query, language],
  );
  const setProblem = (id: string, problem: NoticeProblem | null): void =>
    setItems((current) => {
      const next = new Map(current);
      if (problem) next.set(id, problem);
      else next.delete(id);
      return next;
    });
  const noteFor = (id: string): string =>
    t('paperwork.notice.noteDefault', { matter: matters.get(id)?.names[language] ?? id });

  return (
    <Modal
      open
      width={820}
      title={t('paperwork.notice.dialogTitle')}
      onCancel={onClose}
      destroyOnHidden
      data-testid="one-time-notice-modal"
      footer={
        <Space>
          <Button onClick={onClose}>{t('paperwork.notice.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="one-time-notice-issue">
            {t('paperwork.notice.issue')}
          </Button>
        </Space>
      }
    >
      {(error ?? missingItems) && (
        <Alert
          type="error"
          showIcon
          title={error ?? t('paperwork.notice.itemsRequired')}
          style={{ marginBottom: 16 }}
          data-testid="one-time-notice-error"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={busy}
        requiredMark={false}
        initialValues={{
          matterId: start.matterId ?? undefined,
          language: start.language,
          minutes: 5,
          note: start.matterId ? noteFor(start.matterId) : '',
        }}
        onFinish={(values) => {
          const none = items.size === 0;
          setMissingItems(none);
          if (!none) void submit(values);
        }}
      >
        <Form.Item
          name="matterId"
          label={t('paperwork.notice.matter')}
          rules={[{ required: true, message: t('paperwork.notice.matterRequired') }]}
        >
          <Select<string>
            showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
            placeholder={t('paperwork.notice.matterPlaceholder')}
            options={options}
            onChange={(id) => {
              setQuery('');
              setMatterId(id);
              setItems(new Map());
              // The note said which matter: it follows the matter unless the clerk wrote one.
              const note = (form.getFieldValue('note') as string | undefined) ?? '';
              if (note === '' || (matterId !== null && note === noteFor(matterId)))
                form.setFieldValue('note', noteFor(id));
            }}
            data-testid="one-time-notice-matter"
          />
        </Form.Item>
        {matter && (
          <Form.Item label={t('paperwork.notice.itemsTitle')}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={matter.materials}
              data-testid="one-time-notice-items-table"
              columns={[
                {
                  title: t('paperwork.notice.include'),
                  width: 64,
                  render: (_, m) => (
                    <Checkbox
                      checked={items.has(m.id)}
                      onChange={(e) => setProblem(m.id, e.target.checked ? 'missing' : null)}
                      data-testid={`one-time-notice-include-${m.id}`}
                    />
                  ),
                },
                { title: t('paperwork.notice.matter'), render: (_, m) => m.names[language] },
                {
                  title: t('paperwork.notice.problem'),
                  width: 220,
                  render: (_, m) => (
                    <Select<NoticeProblem>
                      style={{ width: '100%' }}
                      value={items.get(m.id)}
                      disabled={!items.has(m.id)}
                      onChange={(p) => setProblem(m.id, p)}
                      options={NOTICE_PROBLEMS.map((p) => ({ value: p, label: t(`paperwork.notice.problems.${p}`) }))}
                      data-testid={`one-time-notice-problem-${m.id}`}
                    />
                  ),
                },
              ]}
            />
          </Form.Item>
        )}
        <Space align="start" size="large">
          <Form.Item name="language" label={t('paperwork.notice.language')}>
            <Select<Language>
              style={{ width: 140 }}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              data-testid="one-time-notice-language"
            />
          </Form.Item>
          <Form.Item
            name="minutes"
            label={t('paperwork.notice.minutes')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 480, message: t('paperwork.notice.minutesInvalid') },
            ]}
          >
            <InputNumber min={1} max={480} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="note"
          label={t('paperwork.notice.note')}
          rules={[{ required: true, whitespace: true, max: 500, message: t('paperwork.notice.noteInvalid') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="one-time-notice-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The notice as recorded, previewed and printed; each print audited on the notice. */
export function OneTimeNoticePrint({ notice, onClose }: { notice: OneTimeNotice; onClose(): void }) {
  const { t } = useTranslation();
  const matters = useMatters();
  const matter = matters.get(notice.matterId);
  return (
    <PrintPreview
      testId="one-time-notice"
      title={t('paperwork.noticeDocument.title')}
      error={null}
      // Drawn once the catalog is here, so the materials print by name.
      ready={
        matters.size === 0
          ? null
          : {
              fileName: `${t('paperwork.noticeDocument.title')}-${notice.at.slice(0, 10)}`,
              render: (copy) => <OneTimeNoticeDocument notice={notice} matter={matter} copy={copy} />,
            }
      }
      record={(output, outcome) => rpc('paperwork.recordNoticePrint', { noticeId: notice.noticeId, output, outcome })}
      onClose={onClose}
    />
  );
}

function OneTimeNoticeHistory({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const matters = useMatters();
  const [notices, setNotices] = useState<OneTimeNotice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reprint, setReprint] = useState<OneTimeNotice | null>(null);
  useEffect(() => {
    let live = true;
    rpc('paperwork.oneTimeNotices', {}).then(
      (found) => live && setNotices(found),
      (e: unknown) => live && setError(describeError(e, t)),
    );
    return () => {
      live = false;
    };
  }, [t]);
  if (reprint) return <OneTimeNoticePrint notice={reprint} onClose={() => setReprint(null)} />;
  return (
    <Modal
      open
      width={760}
      title={t('paperwork.notice.historyTitle')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('receipt.close')}</Button>}
      data-testid="one-time-notice-history-modal"
    >
      {error && <Alert type="error" showIcon title={error} />}
      <List
        loading={notices === null && !error}
        dataSource={notices ?? []}
        locale={{ emptyText: t('paperwork.notice.historyEmpty') }}
        renderItem={(notice) => (
          <List.Item
            data-testid="one-time-notice-row"
            actions={[
              <Button key="reprint" onClick={() => setReprint(notice)} data-testid="one-time-notice-reprint">
                {t('paperwork.notice.reprint')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>
                {matters.get(notice.matterId)?.names[language] ?? notice.matterId}
              </Typography.Text>
              <Typography.Text type="secondary">
                {formatDate(notice.at, language)} · {notice.clerk} · {t(`language.${notice.language}`)} ·{' '}
                {t('paperwork.notice.historyItems', { count: notice.items.length })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Modal>
  );
}

/**
 * From the materials check of an intake: the notice starts with every required
 * material not provided; the clerk adds those provided but not usable.
 */
export function NoticeFromCheckButton({ start }: { start: () => NoticeStart }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState<NoticeStart | null>(null);
  if (!can('consultations.log')) return null;
  return (
    <>
      <Button
        icon={<FileExclamationOutlined />}
        onClick={() => setOpen(start())}
        data-testid="one-time-notice-from-check"
      >
        {t('paperwork.notice.openFromCheck')}
      </Button>
      {open && <OneTimeNoticeFlow start={open} onClose={() => setOpen(null)} />}
    </>
  );
}
