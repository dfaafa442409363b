// 个人信息处理告知书: the slip printed with the receipt, in the applicant's
// language, saying what personal data this case holds, why, who receives it
// (the handling region's authority, by name), how long it is kept and where to
// ask — as it read when the applicant acknowledged it (the version, the
// retention period and the contact kept with the case).
import i18next from 'i18next';
import type { Authority, Matter } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { regionName } from '../../../shared/regions.ts';
import { formatTime } from '../notices/print.tsx';

/** Whose data and which kinds, from what this case holds: the people, the matter's form, the scans. */
function categories(detail: CaseDetail, matter: Matter | undefined, language: Language): string {
  const t = i18next.getFixedT(language, undefined, 'queuePrivacy.notice');
  const fields = (matter?.formFields ?? [])
    .filter((f) => detail.formData[f.id] !== undefined)
    .map((f) => f.label[language]);
  return [
    t('categoryPerson', { who: t('applicant') }),
    ...(detail.agent ? [t('categoryPerson', { who: t('agent') })] : []),
    ...(fields.length > 0 ? [t('categoryForm', { fields: fields.join(language === 'en' ? ', ' : '、') })] : []),
    ...(detail.scans.length > 0 ? [t('categoryScans', { count: detail.scans.length })] : []),
  ].join(language === 'en' ? '; ' : '；');
}

export function PrivacyNoticeSlip({
  detail,
  matter,
  authority,
}: {
  detail: CaseDetail;
  matter: Matter | undefined;
  authority: Authority | null;
}) {
  const notice = detail.privacyNotice;
  if (!notice) return null;
  const language = detail.language;
  const t = i18next.getFixedT(language, undefined, 'queuePrivacy.notice');
  const handlingRegion = regionName(detail.row.handlingRegion, language);
  const paragraphs = [
    t('intro'),
    t('handler', {
      hall: detail.intakePlace.hall,
      region: regionName(detail.intakeRegion, language),
      window: detail.intakePlace.window,
      contact: notice.contact,
    }),
    t('purpose', { matter: matter?.names[language] ?? detail.row.matterId }),
    t('method'),
    t('categories', { categories: categories(detail, matter, language) }),
    t('sensitive'),
    t('basis'),
    t('recipient', {
      authority: authority?.names[language] ?? t('authorityFallback', { region: handlingRegion }),
      region: handlingRegion,
    }),
    t('retention', { years: notice.retentionYears }),
    t('rights', { contact: notice.contact }),
  ];
  return (
    <section
      lang={language}
      data-testid="privacy-notice"
      // A slip of its own when printed: it starts a new sheet.
      style={{ breakBefore: 'page', marginTop: 24, fontSize: 13, lineHeight: 1.6 }}
    >
      <h2 style={{ fontSize: 20, margin: '0 0 4px' }}>{t('title')}</h2>
      <div style={{ fontSize: 11 }}>{t('version', { version: notice.version })}</div>
      {paragraphs.map((text) => (
        <p key={text} style={{ margin: '8px 0' }}>
          {text}
        </p>
      ))}
      <p style={{ marginTop: 16 }}>
        {t('acknowledged', { version: notice.version, time: formatTime(notice.acknowledgedAt, language) })}
      </p>
      <p>{t('signature')}</p>
    </section>
  );
}
