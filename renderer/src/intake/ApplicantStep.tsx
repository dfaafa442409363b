import { useTranslation } from 'react-i18next';
import { Alert, Col, Divider, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { powerOfAttorneyForms } from '../../../shared/case/intake.ts';
import { NATIONALITY_CODES, nationalityName } from '../../../shared/identity/nationality.ts';
import { identityFacts, IDENTITY_KINDS, validateIdentityDocument } from '../../../shared/identity/validate.ts';
import type { Language } from '../../../shared/languages.ts';
import { DeliveryChoice } from './DeliveryChoice.tsx';
import { IdCardRead } from './IdCardRead.tsx';
import { RegionPicker } from './RegionPicker.tsx';
import { TalentCardFields } from './TalentCardFields.tsx';
import type { MaterialForm, PersonState, StepProps } from './wizard-state.ts';

/** What the phone typed so far is missing: each plan's message names the form it expects. */
function PhoneFeedback({ phone, testId }: { phone: string; testId: string }) {
  const { t } = useTranslation();
  if (phone.trim() === '') return null;
  const result = validateIdentityDocument('mobile', phone);
  if (result.ok) return null;
  return (
    <Typography.Text type="danger" data-testid={testId}>
      {t(`identity.errors.${result.error}`)}
    </Typography.Text>
  );
}

/** Searchable by the name in the UI language and by the code. */
function NationalitySelect({
  value,
  onChange,
  testId,
}: {
  value: string | undefined;
  onChange(code: string): void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      value={value || undefined}
      onChange={onChange}
      placeholder={t('intake.nationalityPlaceholder')}
      options={NATIONALITY_CODES.map((code) => ({ value: code, label: `${nationalityName(code, language)} ${code}` }))}
      data-testid={testId}
    />
  );
}

function IdFeedback({ person }: { person: PersonState }) {
  const { t } = useTranslation();
  if (person.idNumber.trim() === '') return null;
  const result = validateIdentityDocument(person.idKind, person.idNumber);
  if (!result.ok) {
    return (
      <Typography.Text type="danger" data-testid="id-error">
        {t(`identity.errors.${result.error}`)}
      </Typography.Text>
    );
  }
  const facts = identityFacts(person.idKind, result.value ?? '');
  return (
    <>
      {facts.birthDate && (
        <Typography.Text type="secondary" data-testid="id-facts">
          {t('intake.birthAndGender', {
            birthDate: facts.birthDate,
            gender: facts.gender ? t(`intake.gender.${facts.gender}`) : '',
          })}
        </Typography.Text>
      )}
      {result.warnings?.map((w) => (
        <div key={w}>
          <Typography.Text type="warning">{t(`identity.warnings.${w}`)}</Typography.Text>
        </div>
      ))}
    </>
  );
}

function PersonFields({
  prefix,
  person,
  onChange,
  autoFocus,
}: {
  prefix: 'applicant' | 'agent';
  person: PersonState;
  onChange(next: Partial<PersonState>): void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Form.Item label={t('intake.name')} required>
          <Input
            autoFocus={autoFocus}
            value={person.name}
            maxLength={100}
            onChange={(e) => onChange({ name: e.target.value })}
            data-testid={`${prefix}-name`}
          />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item label={t('intake.idKind')} required>
          <Select
            value={person.idKind}
            onChange={(idKind) => onChange({ idKind })}
            options={IDENTITY_KINDS.filter((k) => k !== 'uscc' && k !== 'mobile').map((k) => ({
              value: k,
              label: t(`identity.kinds.${k}`),
            }))}
            data-testid={`${prefix}-id-kind`}
          />
        </Form.Item>
      </Col>
      <Col span={10}>
        <Form.Item label={t('intake.idNumber')} required extra={<IdFeedback person={person} />}>
          <Input
            value={person.idNumber}
            maxLength={40}
            autoComplete="off"
            onChange={(e) => onChange({ idNumber: e.target.value })}
            data-testid={`${prefix}-id-number`}
          />
        </Form.Item>
      </Col>
      {person.idKind === 'passport' && (
        <Col span={8}>
          <Form.Item label={t('intake.nationality')} required>
            <NationalitySelect
              value={person.nationality}
              onChange={(nationality) => onChange({ nationality })}
              testId={`${prefix}-nationality`}
            />
          </Form.Item>
        </Col>
      )}
      <Col span={8}>
        <Form.Item
          label={t('intake.phone')}
          extra={<PhoneFeedback phone={person.phone} testId={`${prefix}-phone-error`} />}
        >
          <Input
            value={person.phone}
            maxLength={30}
            inputMode="tel"
            onChange={(e) => onChange({ phone: e.target.value })}
            data-testid={`${prefix}-phone`}
          />
        </Form.Item>
      </Col>
      <Col span={person.idKind === 'passport' ? 8 : 16}>
        <Form.Item label={t('intake.address')}>
          <Input
            value={person.address}
            maxLength={200}
            onChange={(e) => onChange({ address: e.target.value })}
            data-testid={`${prefix}-address`}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function ApplicantStep({ matter, state, update }: StepProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const attorneyForms = powerOfAttorneyForms(matter);
  return (
    <Form layout="vertical" component="div">
      <Divider titlePlacement="start">{t('intake.applicantSection')}</Divider>
      <IdCardRead state={state} update={update} />
      <PersonFields
        prefix="applicant"
        person={state.applicant}
        autoFocus
        onChange={(change) => update((s) => ({ ...s, applicant: { ...s.applicant, ...change } }))}
      />
      <TalentCardFields card={state.talentCard} onChange={(talentCard) => update((s) => ({ ...s, talentCard }))} />
      <Divider titlePlacement="start">{t('intake.agentSection')}</Divider>
      {matter.agentAllowed ? (
        <Switch
          checked={state.hasAgent}
          onChange={(hasAgent) => update((s) => ({ ...s, hasAgent }))}
          data-testid="has-agent"
        />
      ) : (
        <Alert type="info" showIcon title={t('intake.agentNotAllowed')} />
      )}{' '}
      {matter.agentAllowed && t('intake.hasAgent')}
      {state.hasAgent && (
        <div style={{ marginTop: 12 }}>
          <PersonFields
            prefix="agent"
            person={state.agent}
            onChange={(change) => update((s) => ({ ...s, agent: { ...s.agent, ...change } }))}
          />
          <Form.Item label={t('intake.powerOfAttorney')} required>
            <Select<MaterialForm | null>
              value={state.agent.powerOfAttorney}
              style={{ width: 240 }}
              onChange={(powerOfAttorney) => update((s) => ({ ...s, agent: { ...s.agent, powerOfAttorney } }))}
              options={[
                { value: null, label: t('intake.outcome.not_provided') },
                ...attorneyForms.map((f) => ({
                  value: f,
                  label: t(`intake.forms.${f}`),
                })),
              ]}
              data-testid="agent-power-of-attorney"
            />
          </Form.Item>
        </div>
      )}
      {matter.formFields.length > 0 && (
        <>
          <Divider titlePlacement="start">{t('intake.matterFields')}</Divider>
          <Row gutter={16}>
            {matter.formFields.map((field) => {
              const value = state.formData[field.id] ?? '';
              const set = (v: string): void => update((s) => ({ ...s, formData: { ...s.formData, [field.id]: v } }));
              return (
                <Col span={field.type === 'textarea' ? 24 : 12} key={field.id}>
                  <Form.Item label={field.label[language]} required={field.required}>
                    {field.type === 'select' ? (
                      <Select
                        value={value || undefined}
                        onChange={set}
                        options={field.options?.map((o) => ({ value: o.value, label: o.label[language] }))}
                        data-testid={`field-${field.id}`}
                      />
                    ) : field.type === 'textarea' ? (
                      <Input.TextArea
                        value={value}
                        maxLength={field.maxLength ?? 2000}
                        onChange={(e) => set(e.target.value)}
                        data-testid={`field-${field.id}`}
                      />
                    ) : (
                      <Input
                        type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
                        value={value}
                        maxLength={field.maxLength ?? 200}
                        onChange={(e) => set(e.target.value)}
                        data-testid={`field-${field.id}`}
                      />
                    )}
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </>
      )}
      {matter.handlingRegionFrom && (
        <>
          <Divider titlePlacement="start">{t('intake.routing.title')}</Divider>
          <RegionPicker
            source={matter.handlingRegionFrom}
            value={state.handlingRegion ?? null}
            onChange={(handlingRegion) => update((s) => ({ ...s, handlingRegion }))}
          />
        </>
      )}
      <Divider titlePlacement="start">{t('delivery.title')}</Divider>
      <DeliveryChoice matter={matter} state={state} update={update} />
    </Form>
  );
}
