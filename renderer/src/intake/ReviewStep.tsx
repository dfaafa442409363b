// The wizard's last step: everything entered, masked, with the place the case
// will be handled at, and the language its receipt is printed in.
import { useTranslation } from 'react-i18next';
import { Descriptions, List, Select, Space } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { handlingRegionOf } from '../../../shared/case/intake.ts';
import { maskTalentCardNumber, normaliseTalentCardNumber } from '../../../shared/case/talent-card.ts';
import { maskIdentity, maskName, maskPhone } from '../../../shared/identity/mask.ts';
import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import { regionName } from '../../../shared/regions.ts';
import { deliveryLine } from './delivery-text.ts';
import { ApplicationFormButton } from './ApplicationForm.tsx';
import { NoRouteWarning } from './RegionPicker.tsx';
import { ScanGapsAlert } from './ScanGapsAlert.tsx';
import { toSubmission, type WizardState } from './wizard-state.ts';

export function ReviewStep({
  matter,
  state,
  update,
  materialName,
}: {
  matter: Matter;
  state: WizardState;
  update(change: (draft: WizardState) => WizardState): void;
  materialName(id: string): string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const submission = toSubmission(state);
  const handlingRegion = handlingRegionOf(matter, submission);
  const person = (p: WizardState['applicant']): string =>
    `${maskName(p.name.trim())} · ${t(`identity.kinds.${p.idKind}`)} ${maskIdentity(p.idKind, p.idNumber.trim().toUpperCase())}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ScanGapsAlert matter={matter} state={state} confirmOnSubmit />
      <Descriptions column={1} size="small" bordered data-testid="review">
        <Descriptions.Item label={t('intake.steps.matter')}>{matter.names[language]}</Descriptions.Item>
        <Descriptions.Item label={t('intake.routing.title')}>
          <span data-testid="review-handling-region">{regionName(handlingRegion, language)}</span>
          <NoRouteWarning regionCode={handlingRegion} />
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.applicantSection')}>{person(state.applicant)}</Descriptions.Item>
        <Descriptions.Item label={t('intake.agentSection')}>
          {state.hasAgent ? person(state.agent) : t('intake.none')}
        </Descriptions.Item>
        {state.delivery && (
          <Descriptions.Item label={t('delivery.title')}>
            <span data-testid="review-delivery">
              {deliveryLine(
                {
                  method: state.delivery.method,
                  county: state.delivery.county,
                  street: '••••',
                  phone: maskPhone(state.delivery.phone.trim()),
                },
                i18n.getFixedT(language, undefined, 'delivery'),
                language,
              )}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('intake.priority')}>
          {submission.talentCard
            ? `${maskTalentCardNumber(normaliseTalentCardNumber(submission.talentCard.number))} · ${regionName(submission.talentCard.issuingRegion, language)}`
            : t('intake.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.reviewMaterials')}>
          <List
            size="small"
            dataSource={Object.entries(state.materials).filter(([, m]) => m.outcome !== 'not_provided')}
            renderItem={([id, m]) => (
              <List.Item>
                {materialName(id)} — {t(`intake.outcome.${m.outcome}`)}
                {m.outcome === 'received' && `（${m.forms.map((f) => t(`intake.forms.${f}`)).join('、')}）`}
              </List.Item>
            )}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.steps.scans')}>
          {t('intake.reviewScans', { count: state.scans.length })}
        </Descriptions.Item>
      </Descriptions>
      <Space>
        {t('intake.receiptLanguage')}
        <Select<Language>
          value={state.language}
          onChange={(l) => update((s) => ({ ...s, language: l }))}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          style={{ width: 140 }}
          data-testid="receipt-language"
        />
        {/* 申请表: printed in the receipt's language for the applicant to sign, or signed on the pad. */}
        <ApplicationFormButton matter={matter} state={state} update={update} />
      </Space>
    </Space>
  );
}
