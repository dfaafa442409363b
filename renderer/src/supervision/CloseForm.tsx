// The day's close: pick the day, see its summary, give every open warning a
// comment, and sign. A day already closed shows who signed it and whether it
// is still intact.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DatePicker, List, Popconfirm, Space, Spin, Typography, message } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { CloseSummary } from './CloseSummary.tsx';
import { CloseWarning } from './CloseWarning.tsx';
import { fromDay, toDay, today } from './files.ts';
import { useClosePreview } from './use-close-preview.ts';
import { refreshWarnings } from './warnings-store.ts';
import { localDateTime } from '../../../shared/local-time.ts';

export function CloseForm({
  matters,
  onClosed,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  onClosed(): void;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [toast, toastHolder] = message.useMessage();
  const { day, setDay, shown, loadError, reload } = useClosePreview();
  // Comments by warning key: they stay while another day is looked at, the warnings being today's.
  const [comments, setComments] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);

  const sign = async (): Promise<void> => {
    if (!shown) return;
    setSigning(true);
    setSignError(null);
    setTried(true);
    try {
      await rpc('supervision.closeDay', {
        day,
        comments: shown.warnings
          .filter((w) => comments[w.key]?.trim())
          .map((w) => ({ key: w.key, comment: comments[w.key]!.trim() })),
      });
      void toast.success(t('supervision.close.signed', { day }));
      setComments({});
      setTried(false);
      onClosed();
      void refreshWarnings();
    } catch (e) {
      setSignError(describeError(e, t));
    } finally {
      setSigning(false);
      // Warnings may have come or gone since the preview: show them as they are now.
      void reload();
    }
  };

  return (
    <Card title={t('supervision.tabs.close')} size="small" data-testid="close-form">
      {toastHolder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <span data-testid="close-day">
          <DatePicker
            allowClear={false}
            value={fromDay(day)}
            onChange={(value) => value && setDay(toDay(value))}
            disabledDate={(value) => toDay(value) > today()}
            aria-label={t('supervision.close.day')}
          />
        </span>
        {loadError && <Alert type="error" showIcon title={loadError} data-testid="close-load-error" />}
        {!shown ? (
          !loadError && <Spin />
        ) : (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('supervision.close.summary')}
            </Typography.Title>
            <CloseSummary summary={shown.summary} matters={matters} />
            {shown.closed ? (
              <Alert
                type={shown.closed.intact ? 'success' : 'error'}
                showIcon
                title={t('supervision.close.closedBy', {
                  day: shown.day,
                  user: shown.closed.closedBy,
                  at: localDateTime(shown.closed.closedAt),
                })}
                description={shown.closed.intact ? undefined : t('supervision.close.brokenTitle', { day: shown.day })}
                data-testid="close-done"
                data-intact={String(shown.closed.intact)}
              />
            ) : (
              <>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('supervision.close.warnings', { count: shown.warnings.length })}
                </Typography.Title>
                {shown.warnings.length === 0 ? (
                  <Typography.Text type="secondary" data-testid="close-no-warnings">
                    {t('supervision.close.noWarnings')}
                  </Typography.Text>
                ) : (
                  <>
                    <Typography.Text type="secondary">{t('supervision.close.warningsHint')}</Typography.Text>
                    <List
                      size="small"
                      bordered
                      dataSource={shown.warnings}
                      data-testid="close-warnings"
                      renderItem={(w) => (
                        <CloseWarning
                          warning={w}
                          matter={matters.get(w.matterId)?.names[language] ?? w.matterId}
                          comment={comments[w.key] ?? ''}
                          missing={tried && !comments[w.key]?.trim()}
                          onComment={(text) => setComments((c) => ({ ...c, [w.key]: text }))}
                          onOpenCase={onOpenCase}
                        />
                      )}
                    />
                  </>
                )}
                {signError && <Alert type="error" showIcon title={signError} data-testid="close-error" />}
                <Popconfirm
                  title={t('supervision.close.signConfirm', { day })}
                  okText={t('supervision.close.signOk')}
                  onConfirm={() => void sign()}
                  okButtonProps={{ loading: signing, 'data-testid': 'close-sign-confirm' }}
                >
                  <Button type="primary" loading={signing} data-testid="close-sign">
                    {t('supervision.close.sign')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
