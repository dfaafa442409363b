// The day's ledger on landscape A4, in the language of the screen (it is the
// office's record, not the applicant's), with the same rows and words as the
// table on screen and the exported file: titled with the hall and the day,
// numbered 第 1 页 共 N 页 in the bottom margin, ending with the lines where
// the one who prepared it and the one who reviewed it sign. Short values (case
// numbers, times, statuses) never wrap; long Chinese text wraps between
// characters, an English word never inside itself. Unmasked, it carries the
// watermark on every page.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { CASE_STATUSES } from '../../../shared/case/status.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Device } from '../../../shared/rpc/contract.ts';
import type { Ledger } from '../../../shared/supervision/schemas.ts';
import { useLanguage } from '../cases/format.ts';
import type { Copy } from '../notices/print.tsx';
import { localDateTime } from '../../../shared/local-time.ts';
import { officialDate, officialDateTime } from '../../../shared/official-date.ts';
import { ledgerPageRules } from './ledger-page.ts';
import { QueueTimesLine } from './queue-times.tsx';

// Breaks only where the language allows one: between Chinese characters, and at spaces in English.
const cell: CSSProperties = {
  border: '1px solid #333',
  padding: '3px 4px',
  verticalAlign: 'top',
  textAlign: 'left',
  wordBreak: 'normal',
  overflowWrap: 'normal',
  hyphens: 'manual',
};
// A short value or a column's name: one unbroken line (a case number breaks at its hyphens otherwise).
const short: CSSProperties = { ...cell, whiteSpace: 'nowrap' };
const head: CSSProperties = { ...cell, background: '#f3f3f3', fontWeight: 600, wordBreak: 'keep-all' };
const table: CSSProperties = { width: '100%', borderCollapse: 'collapse' };

/** Who saw the unmasked ledger and when, across the page: on screen in the preview, on every printed page. */
export function Watermark({ text, copy }: { text: string; copy: Copy }) {
  return (
    <div
      aria-hidden
      data-testid={copy === 'print' ? 'ledger-print-watermark' : 'ledger-preview-watermark'}
      style={{
        // A fixed element is repeated on every printed page.
        position: copy === 'print' ? 'fixed' : 'absolute',
        inset: 0,
        pointerEvents: 'none',
        overflow: 'hidden',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-around',
        alignItems: 'center',
        zIndex: 10,
      }}
    >
      {[0, 1, 2].map((i) => (
        <div
          key={i}
          style={{
            transform: 'rotate(-30deg)',
            fontSize: 20,
            fontWeight: 700,
            color: 'rgba(196, 22, 28, 0.2)',
            whiteSpace: 'nowrap',
          }}
        >
          {text}
        </div>
      ))}
    </div>
  );
}

/** The lines where the ledger is signed: 制表人 (prepared by) and 审核人 (reviewed by). */
function Signatures() {
  const { t } = useTranslation();
  const line = (label: string) => (
    <div style={{ display: 'flex', alignItems: 'flex-end', gap: 4, whiteSpace: 'nowrap' }}>
      {label}
      <span style={{ display: 'inline-block', width: '55mm', borderBottom: '1px solid #000' }} />
    </div>
  );
  return (
    <div
      data-testid="ledger-signatures"
      style={{ display: 'flex', justifyContent: 'space-around', marginTop: 28, fontSize: 12, breakInside: 'avoid' }}
    >
      {line(t('supervision.print.preparedBy'))}
      {line(t('supervision.print.reviewedBy'))}
    </div>
  );
}

export function LedgerDocument({
  ledger,
  matters,
  device,
  printedBy,
  printedAt,
  copy,
}: {
  ledger: Ledger;
  matters: ReadonlyMap<string, Matter>;
  device: Device;
  printedBy: string;
  printedAt: string;
  copy: Copy;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = (key: string): string => t(`supervision.export.columns.${key}`);
  const matter = (id: string): string => matters.get(id)?.names[language] ?? id;
  const watermark = ledger.watermark
    ? t('supervision.ledger.watermark', {
        user: ledger.watermark.user,
        at: officialDateTime(ledger.watermark.at, language),
      })
    : null;

  return (
    <div
      lang={language}
      data-testid={copy === 'screen' ? 'ledger-document' : 'ledger-print-copy'}
      style={{ position: 'relative', fontFamily: 'sans-serif', color: '#000', fontSize: 10 }}
    >
      {copy === 'print' && (
        <style>{ledgerPageRules(t('supervision.print.pageNumber', { page: '{page}', pages: '{pages}' }))}</style>
      )}
      {watermark && <Watermark text={watermark} copy={copy} />}
      <h1 style={{ fontSize: 18, margin: '0 0 4px', textAlign: 'center' }} data-testid="ledger-print-title">
        {t('supervision.print.heading', { hall: device.hall })}
      </h1>
      <div style={{ textAlign: 'center', fontSize: 12 }}>
        {t('supervision.print.day', { day: officialDate(ledger.day, language) })}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', margin: '4px 0 8px', fontSize: 11 }}>
        <span>
          {t('supervision.print.place', { hall: device.hall, window: device.windowNo, device: device.name })}
          {' · '}
          {regionName(device.regionCode, language)}
        </span>
        <span style={{ color: watermark ? '#c4161c' : '#555', fontWeight: watermark ? 700 : 400 }}>
          {watermark ?? t('supervision.export.masked')}
        </span>
      </div>

      <h2 style={{ fontSize: 13, margin: '8px 0 4px' }}>
        {t('supervision.ledger.cases', { count: ledger.rows.length })}
      </h2>
      <table style={table}>
        <colgroup>
          <col style={{ width: '17%' }} />
          <col style={{ width: '19%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '11%' }} />
          <col style={{ width: '7%' }} />
          <col style={{ width: '12%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '5%' }} />
        </colgroup>
        <thead>
          <tr>
            <th style={head}>
              {c('caseNo')}
              <br />
              {c('receivedAt')}
            </th>
            <th style={head}>{c('matter')}</th>
            <th style={head}>{c('applicant')}</th>
            <th style={head}>
              {c('status')}
              <br />
              {c('deadline')}
            </th>
            <th style={head}>{c('clerk')}</th>
            <th style={head}>{c('partnerRegion')}</th>
            <th style={head}>{c('activities')}</th>
            <th style={head}>{c('evaluation')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.rows.length === 0 && (
            <tr>
              <td style={cell} colSpan={8}>
                {t('supervision.print.none')}
              </td>
            </tr>
          )}
          {ledger.rows.map((row) => (
            <tr key={row.caseId} style={{ breakInside: 'avoid' }}>
              <td style={short}>
                <div style={{ fontFamily: 'monospace' }}>{row.caseNo}</div>
                {officialDateTime(row.receivedAt, language)}
                <QueueTimesLine row={row} secondary={false} />
              </td>
              <td style={cell}>{matter(row.matterId)}</td>
              <td style={short}>
                {row.applicantName}
                <br />
                {row.applicantId}
                {row.identitySource && (
                  <>
                    <br />
                    {t(`idCard.source.${row.identitySource}`)}
                  </>
                )}
              </td>
              <td style={short}>
                {t(`cases.statuses.${CASE_STATUSES[row.status]}`)}
                {row.deadline && (
                  <div data-testid="ledger-print-deadline">
                    {officialDate(row.deadline, language)}
                    {row.deadlineProvisional && t('supervision.export.provisional')}
                  </div>
                )}
                {row.mark !== 'none' && (
                  <div style={{ fontWeight: 700 }}>{t(`supervision.export.marks.${row.mark}`)}</div>
                )}
              </td>
              <td style={short}>{row.clerk ?? t('supervision.export.stats.otherPlace')}</td>
              <td style={cell}>{regionName(row.partnerRegion, language)}</td>
              <td style={cell}>
                {row.activities.map((a, i) => (
                  <div key={i}>
                    <span style={{ whiteSpace: 'nowrap' }}>{localDateTime(a.at).slice(11)}</span>{' '}
                    {t(`cases.events.${a.type}`, { defaultValue: a.type })}
                  </div>
                ))}
              </td>
              <td style={short}>{row.evaluation ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 style={{ fontSize: 13, margin: '12px 0 4px' }}>
        {t('supervision.ledger.consultations', { count: ledger.consultations.length })}
      </h2>
      <table style={table}>
        <colgroup>
          <col style={{ width: '17%' }} />
          <col style={{ width: '10%' }} />
          <col style={{ width: '25%' }} />
          <col />
          <col style={{ width: '8%' }} />
        </colgroup>
        <thead>
          <tr>
            <th style={head}>{c('at')}</th>
            <th style={head}>{t('supervision.ledger.clerk')}</th>
            <th style={head}>{c('matter')}</th>
            <th style={head}>{c('note')}</th>
            <th style={head}>{c('minutes')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.consultations.length === 0 && (
            <tr>
              <td style={cell} colSpan={5}>
                {t('supervision.print.none')}
              </td>
            </tr>
          )}
          {ledger.consultations.map((k) => (
            <tr key={k.consultationId} style={{ breakInside: 'avoid' }}>
              <td style={short}>{officialDateTime(k.at, language)}</td>
              <td style={short}>{k.clerk}</td>
              <td style={cell}>{k.matterId ? matter(k.matterId) : ''}</td>
              <td style={cell}>{k.note}</td>
              <td style={short}>{k.minutes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: 12, color: '#555' }}>
        {t('supervision.print.printedBy', { user: printedBy, at: officialDateTime(printedAt, language) })}
      </p>
      <Signatures />
    </div>
  );
}
