// 人才绿卡 on the applicant step: the card's number and where it was issued,
// chosen from the region list. A number typed makes the intake a priority
// one; the number's shape and the region are checked with the other problems.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, Form, Input, Row, Select } from 'antd';
import type { Language } from '../../../shared/languages.ts';
import { regionName, searchRegions } from '../../../shared/regions.ts';
import type { WizardState } from './wizard-state.ts';

type Card = NonNullable<WizardState['talentCard']>;

export function TalentCardFields({ card, onChange }: { card: Card | undefined; onChange(card: Card): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [query, setQuery] = useState('');
  const value = card ?? { number: '', issuingRegion: null };
  const options = useMemo(() => {
    const found = searchRegions(query, 8).map((r) => ({ value: r.code, label: regionName(r.code, language) }));
    const chosen = value.issuingRegion;
    return chosen && !found.some((o) => o.value === chosen)
      ? [{ value: chosen, label: regionName(chosen, language) }, ...found]
      : found;
  }, [query, language, value.issuingRegion]);
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item label={t('intake.talentCard.number')}>
          <Input
            value={value.number}
            maxLength={40}
            placeholder={t('intake.talentCard.numberPlaceholder')}
            onChange={(e) => onChange({ ...value, number: e.target.value })}
            data-testid="talent-card-number"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label={t('intake.talentCard.issuer')}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQuery }}
            allowClear
            value={value.issuingRegion}
            options={options}
            placeholder={t('intake.talentCard.issuerPlaceholder')}
            disabled={value.number.trim() === ''}
            onChange={(code: string | undefined) => onChange({ ...value, issuingRegion: code ?? null })}
            data-testid="talent-card-issuer"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
