// What the applicant checks before the submission: the intake as typed
// (masked as the receipt masks it), each item with its "wrong" button; the
// materials received and deferred; the privacy notice to acknowledge; and the
// signature to give, on the screen with pen or finger.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Descriptions, List, Space, Typography } from 'antd';
import { call } from '../../../shared/rpc/client.ts';
import type { Language } from '../../../shared/languages.ts';
import type { ApplicantView } from '../../../shared/rpc/methods/applicant-screen.ts';
import { regionName } from '../../../shared/regions.ts';
import { api } from '../backend.ts';
import { SignatureCanvas, type SignatureHandle } from '../cases/SignatureCanvas.tsx';
import { formatTime } from '../notices/print.tsx';
import { fieldLabel } from './field-labels.ts';

export type Act = (work: () => Promise<ApplicantView>) => Promise<boolean>;

async function pngBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function NoticeText({
  notice,
  language,
  withAgent,
}: {
  notice: NonNullable<ApplicantView['notice']>;
  language: Language;
  withAgent: boolean;
}) {
  const { t } = useTranslation('translation', { keyPrefix: 'queuePrivacy.notice' });
  const handlingRegion = notice.handlingRegion ? regionName(notice.handlingRegion, language) : '';
  const paragraphs = [
    t('intro'),
    t('handler', {
      hall: notice.hall,
      region: regionName(notice.intakeRegion, language),
      window: notice.window,
      contact: notice.contact,
    }),
    t('purpose', { matter: notice.matter }),
    t('method'),
    t('categories', {
      categories: [
        t('categoryPerson', { who: t('applicant') }),
        ...(withAgent ? [t('categoryPerson', { who: t('agent') })] : []),
      ].join(language === 'en' ? '; ' : '；'),
    }),
    t('sensitive'),
    t('basis'),
    t('recipient', {
      authority: notice.authority ?? t('authorityFallback', { region: handlingRegion }),
      region: handlingRegion,
    }),
    t('retention', { years: notice.retentionYears }),
    t('rights', { contact: notice.contact }),
  ];
  return (
    <div style={{ maxHeight: 320, overflowY: 'auto', fontSize: 15, lineHeight: 1.6 }} data-testid="applicant-notice">
      <Typography.Text type="secondary">{t('version', { version: notice.version })}</Typography.Text>
      {paragraphs.map((text) => (
        <p key={text} style={{ margin: '8px 0' }}>
          {text}
        </p>
      ))}
    </div>
  );
}

export function ApplicantSections({ view, act }: { view: ApplicantView; act: Act }) {
  const { t } = useTranslation();
  const signature = useRef<SignatureHandle>(null);
  const [flagged, setFlagged] = useState<string | null>(null);
  const names = new Map([...view.received, ...view.deferred].map((m) => [m.field, m.name]));
  const label = (field: string): string => fieldLabel(field, t, (id) => names.get(`materials.${id}`) ?? id);
  const wrong = (field: string) => (
    <Button
      danger
      size="small"
      onClick={() =>
        void act(() => call(api, 'applicantScreen.flag', { field })).then((done) => done && setFlagged(field))
      }
      data-testid={`applicant-wrong-${field}`}
    >
      {t('applicantScreen.page.wrong')}
    </Button>
  );
  const value = (field: string, text: string): string =>
    field === 'delivery' ? t(`delivery.methods.${text}`, { defaultValue: text }) : text;

  const sign = async (): Promise<void> => {
    const blob = await signature.current?.png();
    if (!blob) return;
    const png = await pngBase64(blob);
    await act(() => call(api, 'applicantScreen.sign', { png }));
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('applicantScreen.page.title')}</Typography.Title>
      {view.rows.length === 0 ? (
        <Typography.Text>{t('applicantScreen.page.waiting')}</Typography.Text>
      ) : (
        <Descriptions bordered column={1} size="middle" data-testid="applicant-rows">
          {view.rows.map((row) => (
            <Descriptions.Item key={row.field} label={label(row.field)}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <span data-testid={`applicant-value-${row.field}`}>{value(row.field, row.value)}</span>
                {row.field !== 'delivery' && wrong(row.field)}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Typography.Text type="secondary">{t('applicantScreen.page.masked')}</Typography.Text>
      {flagged && view.flagged === flagged && (
        <Alert
          type="warning"
          showIcon
          title={t('applicantScreen.page.flagSent', { field: label(flagged) })}
          data-testid="applicant-flag-sent"
        />
      )}
      <Card size="small" title={t('applicantScreen.page.materialsReceived')}>
        <List
          size="small"
          dataSource={view.received}
          locale={{ emptyText: t('applicantScreen.page.none') }}
          renderItem={(m) => <List.Item extra={wrong(m.field)}>{m.name}</List.Item>}
          data-testid="applicant-received"
        />
      </Card>
      {view.deferred.length > 0 && (
        <Card size="small" title={t('applicantScreen.page.materialsDeferred')}>
          <List
            size="small"
            dataSource={view.deferred}
            renderItem={(m) => (
              <List.Item extra={wrong(m.field)}>
                {m.name}
                {m.dueDate ? ` — ${t('applicantScreen.page.dueBy', { date: m.dueDate })}` : ''}
              </List.Item>
            )}
            data-testid="applicant-deferred"
          />
        </Card>
      )}
      {view.notice && (
        <Card size="small" title={t('applicantScreen.page.noticeTitle')}>
          <NoticeText
            notice={view.notice}
            language={view.language}
            withAgent={view.rows.some((row) => row.field.startsWith('agent.'))}
          />
          {view.acknowledgedAt ? (
            <Alert
              type="success"
              showIcon
              title={t('applicantScreen.page.acknowledgedAt', { time: formatTime(view.acknowledgedAt, view.language) })}
              data-testid="applicant-acknowledged"
            />
          ) : (
            <Button
              type="primary"
              size="large"
              onClick={() => void act(() => call(api, 'applicantScreen.acknowledge', {}))}
              data-testid="applicant-acknowledge"
            >
              {t('applicantScreen.page.acknowledge')}
            </Button>
          )}
        </Card>
      )}
      <Card size="small" title={t('applicantScreen.page.signTitle')}>
        {view.signed ? (
          <Alert type="success" showIcon title={t('applicantScreen.page.signed')} data-testid="applicant-signed" />
        ) : (
          <Space orientation="vertical">
            <SignatureCanvas ref={signature} />
            <Button type="primary" size="large" onClick={() => void sign()} data-testid="applicant-sign">
              {t('applicantScreen.page.confirmSignature')}
            </Button>
          </Space>
        )}
      </Card>
    </Space>
  );
}
