// 容缺受理承诺书: the A4 letter the applicant signs when materials are
// deferred, in the applicant's language (the case's, like the receipt): the
// deferred materials with the day each is due, what follows if they are not
// brought in (the matter's own consequence first, then the general ones), the
// hall, the clerk and the signature lines. Personal values are printed masked,
// as the backend gives them. Reprinted from the case.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import i18next from 'i18next';
import type { Catalog, Matter } from '../../../shared/catalog/schema.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { regionName } from '../../../shared/regions.ts';
import { cell, FieldTable, formatDate, head, PrintDialog, type Copy } from '../notices/print.tsx';
import { describeError, rpc } from '../rpc.ts';

const CONSEQUENCES = ['incomplete', 'recorded', 'genuine'] as const;

export function CommitmentLetterDocument({
  detail,
  matter,
  copy,
}: {
  detail: CaseDetail;
  matter: Matter | undefined;
  copy: Copy;
}) {
  const { language } = detail;
  const t = i18next.getFixedT(language, undefined, 'commitments');
  const tNotices = i18next.getFixedT(language, undefined, 'notices');
  const tIdentity = i18next.getFixedT(language, undefined, 'identity');
  const materialName = (id: string): string => matter?.materials.find((m) => m.id === id)?.names[language] ?? id;
  const { applicant, intakePlace, row } = detail;
  const promisedAt = detail.commitments[0]?.promisedAt ?? row.receivedAt;
  const line = { borderBottom: '1px solid #333', display: 'inline-block', minWidth: 180, height: 18 } as const;
  return (
    <div
      lang={language}
      data-testid={copy === 'screen' ? 'commitment-letter' : 'commitment-letter-print-copy'}
      style={{ fontFamily: 'sans-serif', color: '#000', fontSize: 13 }}
    >
      <h1 style={{ fontSize: 24, margin: '0 0 4px', textAlign: 'center' }}>{t('letter.title')}</h1>
      <div style={{ textAlign: 'center' }}>{t('letter.subtitle')}</div>
      <FieldTable
        rows={[
          [t('letter.fields.caseNo'), row.caseNo],
          [t('letter.fields.matter'), matter?.names[language] ?? row.matterId],
          [
            t('letter.fields.applicant'),
            tNotices('values.person', {
              name: applicant.name,
              kind: tIdentity(`kinds.${applicant.idKind}`),
              id: applicant.idNumber,
            }),
          ],
          [
            t('letter.fields.intakePlace'),
            tNotices('values.intakePlace', {
              region: regionName(detail.intakeRegion, language),
              hall: intakePlace.hall,
              window: intakePlace.window,
            }),
          ],
          [t('letter.fields.clerk'), row.clerk ?? '—'],
          [t('letter.fields.promisedAt'), formatDate(promisedAt, language)],
        ]}
      />
      <p style={{ marginTop: 12 }}>{t('letter.intro')}</p>
      <h2 style={{ fontSize: 15, margin: '12px 0 0' }}>{t('letter.materialsTitle')}</h2>
      <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 6 }} data-testid="commitment-materials">
        <thead>
          <tr>
            <th style={{ ...head, width: '64%' }}>{t('letter.columns.material')}</th>
            <th style={head}>{t('letter.columns.dueDate')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.commitments.map((c) => (
            <tr key={c.materialId}>
              <td style={cell}>{materialName(c.materialId)}</td>
              <td style={cell}>{formatDate(c.dueDate, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style={{ fontSize: 15, margin: '12px 0 0' }}>{t('letter.consequencesTitle')}</h2>
      <ol style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
        {matter?.deferralConsequence && <li>{matter.deferralConsequence[language]}</li>}
        {CONSEQUENCES.map((key) => (
          <li key={key}>{t(`letter.consequences.${key}`)}</li>
        ))}
      </ol>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '28px 24px', marginTop: 36 }}>
        <div>
          {t('letter.applicantSignature')} <span style={line} />
        </div>
        <div>
          {t('letter.signedDate')} <span style={line} />
        </div>
        <div>
          {t('letter.clerkSignature')} <span style={line} />
        </div>
        <div>
          {t('letter.hallSeal')} <span style={line} />
        </div>
      </div>
    </div>
  );
}

/** The letter of a case, loaded with its matter, previewed and printed like the receipt. */
export function CommitmentLetterDialog({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<{ detail: CaseDetail; matter: Matter | undefined } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([rpc('cases.get', { caseId }), rpc('catalog.list', {})])
      .then(([detail, catalogs]: [CaseDetail, Catalog[]]) => {
        const matter = catalogs.flatMap((c) => c.matters).find((m) => m.id === detail.row.matterId);
        if (live) setData({ detail, matter });
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [caseId, t]);

  return (
    <PrintDialog
      testId="commitment-letter"
      title={t('commitments.letter.title')}
      caseId={caseId}
      kind="commitment_letter"
      error={error}
      ready={
        data && {
          fileName: `commitment-${data.detail.row.caseNo}`,
          render: (copy) => <CommitmentLetterDocument {...data} copy={copy} />,
        }
      }
      onClose={onClose}
    />
  );
}

/** Opens the letter; shown where a case has commitments. */
export function CommitmentLetterButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="commitment-letter-open">
        {t('commitments.printLetter')}
      </Button>
      {open && <CommitmentLetterDialog caseId={caseId} onClose={() => setOpen(false)} />}
    </>
  );
}
