// 一次性告知单 as printed: A4, in the applicant's language, every material the
// matter still needs with what is wrong with it and the form it must come in,
// the hall, the clerk and the date. It names no one: nothing personal is on it.
import i18next from 'i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { OneTimeNotice } from '../../../shared/paperwork/one-time-notice.ts';
import { cell, FieldTable, formatDate, head, type Copy } from './print.tsx';

export function OneTimeNoticeDocument({
  notice,
  matter,
  copy,
}: {
  notice: OneTimeNotice;
  matter: Matter | undefined;
  copy: Copy;
}) {
  const { language } = notice;
  const t = i18next.getFixedT(language, undefined, 'paperwork');
  const tIntake = i18next.getFixedT(language, undefined, 'intake');
  const matterName = matter?.names[language] ?? notice.matterId;
  const material = (id: string) => matter?.materials.find((m) => m.id === id);
  const th = { ...head, width: undefined };
  return (
    <div
      lang={language}
      data-testid={copy === 'screen' ? 'one-time-notice' : 'one-time-notice-print-copy'}
      style={{ fontFamily: 'sans-serif', color: '#000', fontSize: 13 }}
    >
      <h1 style={{ fontSize: 24, margin: '0 0 4px', textAlign: 'center' }}>{t('noticeDocument.title')}</h1>
      <div style={{ textAlign: 'center' }}>{t('noticeDocument.subtitle')}</div>
      <FieldTable
        rows={[
          [t('noticeDocument.noticeNo'), notice.noticeId],
          [t('noticeDocument.matter'), matterName],
          [t('noticeDocument.hall'), notice.hall],
          [t('noticeDocument.clerk'), notice.clerk],
          [t('noticeDocument.date'), formatDate(notice.at, language)],
        ]}
      />
      <p style={{ marginTop: 16 }}>{t('noticeDocument.intro', { matter: matterName })}</p>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="one-time-notice-items">
        <thead>
          <tr>
            <th style={{ ...th, width: '8%' }}>{t('noticeDocument.number')}</th>
            <th style={th}>{t('noticeDocument.material')}</th>
            <th style={{ ...th, width: '22%' }}>{t('noticeDocument.problem')}</th>
            <th style={{ ...th, width: '24%' }}>{t('noticeDocument.accepted')}</th>
          </tr>
        </thead>
        <tbody>
          {notice.items.map((item, index) => {
            const m = material(item.materialId);
            return (
              <tr key={item.materialId}>
                <td style={cell}>{index + 1}</td>
                <td style={cell}>
                  {m?.names[language] ?? item.materialId}
                  {m?.condition && <div style={{ color: '#444' }}>{m.condition[language]}</div>}
                </td>
                <td style={cell}>{t(`notice.problems.${item.problem}`)}</td>
                <td style={cell}>{m ? m.acceptedForms.map((f) => tIntake(`forms.${f}`)).join(' / ') : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p style={{ fontWeight: 600, marginTop: 12 }}>{t('noticeDocument.allAtOnce')}</p>
      <p>{t('noticeDocument.comeBack')}</p>
      <div style={{ marginTop: 32, textAlign: 'right' }}>
        <div>{notice.hall}</div>
        <div>{t('noticeDocument.issuedOn', { date: formatDate(notice.at, language) })}</div>
      </div>
    </div>
  );
}
