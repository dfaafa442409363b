// 收件回执: the A4 receipt in the applicant's language, with the short code
// for the status page and a QR code of the page's address (case number and
// code), or, before the handling region's server is known, of the case number,
// case id and content hash. Personal values come masked from the backend and
// are printed masked.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import i18next from 'i18next';
import type { Authority, Catalog, Matter } from '../../../shared/catalog/schema.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { nationalityName } from '../../../shared/identity/nationality.ts';
import { regionName } from '../../../shared/regions.ts';
import { FieldTable, formatDate, formatTime, PrintDialog, type Copy } from '../notices/print.tsx';
import { noticeAuthority } from '../notices/notices.ts';
import { describeError, rpc } from '../rpc.ts';
import { PrivacyNoticeSlip } from './PrivacyNotice.tsx';
import { deliveryLine } from './delivery-text.ts';
import { identitySourceLine } from './id-card-state.ts';

export function receiptQrText(detail: CaseDetail): string {
  return detail.statusPage?.url ?? `TONGBAN:1:${detail.row.caseNo}:${detail.row.caseId}:${detail.contentHash}`;
}

/** Two groups of four, read and typed more easily; the page takes it with or without the hyphen. */
export function printedStatusCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

interface ReceiptData {
  detail: CaseDetail;
  matter: Matter | undefined;
  /** The QR code's image, and the text it encodes (kept beside it, so what it says can be read back). */
  qr: string;
  /** Who receives the data at the handling place, named on the privacy notice. */
  authority: Authority | null;
  qrText: string;
}

export function ReceiptDocument({ detail, matter, qr, qrText, authority, copy }: ReceiptData & { copy: Copy }) {
  const language = detail.language;
  const t = i18next.getFixedT(language, undefined, 'receipt');
  const tIdentity = i18next.getFixedT(language, undefined, 'identity');
  const tQueue = i18next.getFixedT(language, undefined, 'queuePrivacy.receipt');
  const tDelivery = i18next.getFixedT(language, undefined, 'delivery');
  const tIdCard = i18next.getFixedT(language, undefined, 'idCard');
  const materialName = (id: string): string => matter?.materials.find((m) => m.id === id)?.names[language] ?? id;
  const nationality = (code: string): string => `${nationalityName(code, language)} (${code})`;
  const byOutcome = (outcome: string): string[] =>
    detail.materials.filter((m) => m.outcome === outcome).map((m) => materialName(String(m.materialId)));
  const list = (names: string[]): string => (names.length > 0 ? names.join('；') : t('none'));
  const rows: [string, string][] = [
    [t('caseNo'), detail.row.caseNo],
    ...(detail.queueTicket ? ([[tQueue('queueTicket'), detail.queueTicket.number]] as [string, string][]) : []),
    ...(detail.statusPage
      ? ([[t('statusCode'), printedStatusCode(detail.statusPage.code)]] as [string, string][])
      : []),
    [t('matter'), matter?.names[language] ?? detail.row.matterId],
    [t('handlingPlace'), regionName(detail.row.handlingRegion, language)],
    [
      t('intakePlace'),
      t('intakePlaceValue', {
        region: regionName(detail.intakeRegion, language),
        hall: detail.intakePlace.hall,
        window: detail.intakePlace.window,
      }),
    ],
    [t('applicant'), detail.applicant.name],
    [t('idNumber'), `${tIdentity(`kinds.${detail.applicant.idKind}`)} ${detail.applicant.idNumber}`],
    ...(detail.applicant.nationality
      ? ([[t('nationality'), nationality(detail.applicant.nationality)]] as [string, string][])
      : []),
    ...(detail.applicantIdentity
      ? ([[tIdCard('sourceLabel'), identitySourceLine(detail.applicantIdentity, tIdCard)]] as [string, string][])
      : []),
    ...(detail.agent
      ? ([
          [
            t('agent'),
            [
              detail.agent.name,
              tIdentity(`kinds.${detail.agent.idKind}`),
              detail.agent.idNumber,
              detail.agent.nationality ? `${t('nationality')} ${nationality(detail.agent.nationality)}` : '',
            ]
              .filter(Boolean)
              .join(' '),
          ],
        ] as [string, string][])
      : []),
    [t('receivedAt'), formatTime(detail.row.receivedAt, language)],
    [t('clerk'), detail.row.clerk ?? '—'],
    [
      t('promisedBy'),
      detail.row.promisedDeadline
        ? `${formatDate(detail.row.promisedDeadline, language)}${detail.row.deadlineProvisional ? t('provisional') : ''}`
        : t('none'),
    ],
    [t('materialsReceived'), list(byOutcome('received'))],
    [t('materialsWaived'), list(byOutcome('waived'))],
    [t('materialsDeferred'), list(byOutcome('deferred'))],
    ...(detail.delivery
      ? ([[tDelivery('title'), deliveryLine(detail.delivery, tDelivery, language)]] as [string, string][])
      : []),
  ];
  const qrHint = detail.statusPage?.url ? t('statusQrHint') : t('qrHint');
  return (
    <div
      lang={language}
      data-testid={copy === 'screen' ? 'receipt' : 'receipt-print-copy'}
      style={{ fontFamily: 'sans-serif', color: '#000', fontSize: 13 }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <h1 style={{ fontSize: 24, margin: '0 0 4px' }}>{t('title')}</h1>
          <div>{t('subtitle')}</div>
        </div>
        <div style={{ textAlign: 'center', fontSize: 11 }}>
          <img src={qr} width={120} height={120} alt={qrHint} data-testid="receipt-qr" data-text={qrText} />
          <div>{qrHint}</div>
        </div>
      </div>
      <FieldTable rows={rows} />
      <p style={{ marginTop: 16 }}>{t('notADecision')}</p>
      <p>{t('follow')}</p>
      {detail.statusPage && <p data-testid="receipt-status-follow">{t('statusFollow')}</p>}
      <PrivacyNoticeSlip detail={detail} matter={matter} authority={authority} />
    </div>
  );
}

/** The receipt on screen, with printing to the configured printer or to a PDF. */
export function ReceiptDialog({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<ReceiptData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([rpc('cases.get', { caseId }), rpc('catalog.list', {}), rpc('authorities.list', {})])
      .then(async ([detail, catalogs, register]: [CaseDetail, Catalog[], Authority[]]) => {
        const matter = catalogs.flatMap((c) => c.matters).find((m) => m.id === detail.row.matterId);
        const { authority } = noticeAuthority(register, detail.row.handlingRegion, matter);
        const qrText = receiptQrText(detail);
        const qr = await QRCode.toDataURL(qrText, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
        if (live) setData({ detail, matter, qr, qrText, authority });
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [caseId, t]);

  return (
    <PrintDialog
      testId="receipt"
      title={t('receipt.title')}
      caseId={caseId}
      kind="receipt"
      error={error}
      ready={
        data && {
          fileName: `receipt-${data.detail.row.caseNo}`,
          render: (copy) => <ReceiptDocument {...data} copy={copy} />,
        }
      }
      onClose={onClose}
    />
  );
}
