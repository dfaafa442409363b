// The day's ledger on A4, in the language of the screen (it is the office's
// record, not the applicant's), with the same rows and words as the table on
// screen and the exported file. Unmasked, it carries the watermark on every page.
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { CASE_STATUSES } from '../../../shared/case/status.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Device } from '../../../shared/rpc/contract.ts';
import type { Ledger } from '../../../shared/supervision/schemas.ts';
import { useLanguage } from '../cases/format.ts';
import type { Copy } from '../notices/print.tsx';
import { localDateTime } from '../../../shared/local-time.ts';

const cell = { border: '1px solid #333', padding: '3px 4px', verticalAlign: 'top', textAlign: 'left' } as const;
const head = { ...cell, background: '#f3f3f3', fontWeight: 600 } as const;

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
    ? t('supervision.ledger.watermark', { user: ledger.watermark.user, at: localDateTime(ledger.watermark.at) })
    : null;

  return (
    <div
      lang={language}
      data-testid={copy === 'screen' ? 'ledger-document' : 'ledger-print-copy'}
      style={{ position: 'relative', fontFamily: 'sans-serif', color: '#000', fontSize: 9 }}
    >
      {watermark && <Watermark text={watermark} copy={copy} />}
      <h1 style={{ fontSize: 18, margin: '0 0 4px' }}>{t('supervision.print.title')}</h1>
      <div style={{ fontSize: 11 }}>
        {t('supervision.print.place', { hall: device.hall, window: device.windowNo, device: device.name })}
        {' · '}
        {regionName(device.regionCode, language)}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', margin: '4px 0 8px', fontSize: 11 }}>
        <strong>{t('supervision.print.day', { day: ledger.day })}</strong>
        <span style={{ color: watermark ? '#c4161c' : '#555', fontWeight: watermark ? 700 : 400 }}>
          {watermark ?? t('supervision.export.masked')}
        </span>
      </div>

      <h2 style={{ fontSize: 13, margin: '8px 0 4px' }}>
        {t('supervision.ledger.cases', { count: ledger.rows.length })}
      </h2>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
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
              <td style={cell}>
                <div style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{row.caseNo}</div>
                {localDateTime(row.receivedAt)}
              </td>
              <td style={cell}>{matter(row.matterId)}</td>
              <td style={cell}>
                {row.applicantName}
                <br />
                {row.applicantId}
              </td>
              <td style={cell}>
                {t(`cases.statuses.${CASE_STATUSES[row.status]}`)}
                {row.deadline && (
                  <div data-testid="ledger-print-deadline">
                    {row.deadline}
                    {row.deadlineProvisional && t('supervision.export.provisional')}
                  </div>
                )}
                {row.mark !== 'none' && (
                  <div style={{ fontWeight: 700 }}>{t(`supervision.export.marks.${row.mark}`)}</div>
                )}
              </td>
              <td style={cell}>{row.clerk ?? t('supervision.export.stats.otherPlace')}</td>
              <td style={cell}>{regionName(row.partnerRegion, language)}</td>
              <td style={cell}>
                {row.activities.map((a, i) => (
                  <div key={i}>
                    {localDateTime(a.at).slice(11)} {t(`cases.events.${a.type}`, { defaultValue: a.type })}
                  </div>
                ))}
              </td>
              <td style={cell}>{row.evaluation ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 style={{ fontSize: 13, margin: '12px 0 4px' }}>
        {t('supervision.ledger.consultations', { count: ledger.consultations.length })}
      </h2>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
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
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{localDateTime(k.at)}</td>
              <td style={cell}>{k.clerk}</td>
              <td style={cell}>{k.matterId ? matter(k.matterId) : ''}</td>
              <td style={cell}>{k.note}</td>
              <td style={cell}>{k.minutes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: 12, color: '#555' }}>
        {t('supervision.print.printedBy', { user: printedBy, at: localDateTime(printedAt) })}
      </p>
    </div>
  );
}
