// Who applied, and what they stated: the applicant and any agent, masked,
// each value revealable one at a time by an audited call; the matter's form,
// its sensitive fields masked and revealable the same way.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import type { Permission } from '../../../../shared/auth/permissions.ts';
import type { Matter } from '../../../../shared/catalog/index.ts';
import { nationalityName } from '../../../../shared/identity/nationality.ts';
import type { CaseDetail, REVEALABLE_FIELDS } from '../../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../../rpc.ts';
import { useSession } from '../../session/session.tsx';
import { useLanguage } from '../format.ts';

type RevealableField = (typeof REVEALABLE_FIELDS)[number];
const REVEAL_MS = 30_000;

type MaskedPerson = CaseDetail['applicant'];

export function Person({
  caseId,
  who,
  person,
  powerOfAttorney,
}: {
  caseId: string;
  who: 'applicant' | 'agent';
  person: MaskedPerson;
  powerOfAttorney?: string | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const field = (key: 'name' | 'idNumber' | 'phone' | 'address', masked: string): ReactNode => {
    const name = `${who}.${key}` as RevealableField;
    return (
      <Revealable
        masked={masked}
        testId={name.replace('.', '-')}
        permission="personal.reveal"
        load={() => rpc('cases.reveal', { caseId, field: name })}
      />
    );
  };
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('cases.detail.name'), children: field('name', person.name) },
    {
      key: 'id',
      label: t('cases.detail.idNumber'),
      children: (
        <Space size={4} wrap>
          <Tag>{t(`identity.kinds.${person.idKind}`)}</Tag>
          {field('idNumber', person.idNumber)}
        </Space>
      ),
    },
  ];
  if (person.nationality) {
    const name = nationalityName(person.nationality, language);
    items.push({
      key: 'nationality',
      label: t('cases.detail.nationality'),
      children: <span data-testid={`case-${who}-nationality`}>{`${name} (${person.nationality})`}</span>,
    });
  }
  if (person.phone)
    items.push({ key: 'phone', label: t('cases.detail.phone'), children: field('phone', person.phone) });
  if (person.address) {
    // The contract reveals an agent's name, ID and phone, not the address.
    const children = who === 'applicant' ? field('address', person.address) : person.address;
    items.push({ key: 'address', label: t('cases.detail.address'), children });
  }
  if (powerOfAttorney) {
    items.push({
      key: 'poa',
      label: t('cases.detail.powerOfAttorney'),
      children: t(`cases.forms.${powerOfAttorney}`, { defaultValue: powerOfAttorney }),
    });
  }
  return (
    <Descriptions
      title={t(`cases.detail.${who}`)}
      size="small"
      bordered
      column={1}
      items={items}
      data-testid={`case-${who}`}
    />
  );
}

/** A masked value with a "show" button: the full value comes from an audited call and hides again by itself. */
export function Revealable({
  masked,
  testId,
  permission,
  load,
}: {
  masked: string;
  testId: string;
  permission: Permission;
  load: () => Promise<{ value: string }>;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (value === null) return;
    const timer = setTimeout(() => setValue(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [value]);

  const reveal = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setValue((await load()).value);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap>
      <Typography.Text
        strong={value !== null}
        title={value !== null ? t('cases.detail.revealedFor') : undefined}
        data-testid={`value-${testId}`}
      >
        {value ?? masked}
      </Typography.Text>
      {can(permission) &&
        (value === null ? (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={busy}
            onClick={() => void reveal()}
            data-testid={`reveal-${testId}`}
          >
            {t('cases.detail.show')}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            icon={<EyeInvisibleOutlined />}
            onClick={() => setValue(null)}
            data-testid={`hide-${testId}`}
          >
            {t('cases.detail.hide')}
          </Button>
        ))}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

/** The matter's form; a field the catalog marks sensitive arrives masked and is revealed like a personal value. */
export function FormData({
  caseId,
  matter,
  values,
  sensitiveFields,
}: {
  caseId: string;
  matter: Matter;
  values: CaseDetail['formData'];
  sensitiveFields: CaseDetail['sensitiveFields'];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items: DescriptionsProps['items'] = matter.formFields
    .filter((field) => values[field.id] !== undefined && values[field.id] !== '')
    .map((field) => {
      const value = String(values[field.id]);
      if (sensitiveFields.includes(field.id)) {
        const children = (
          <Revealable
            masked={value}
            testId={`form-${field.id}`}
            permission="form.reveal"
            load={() => rpc('cases.revealField', { caseId, fieldId: field.id })}
          />
        );
        return { key: field.id, label: field.label[language], children };
      }
      const option = field.options?.find((o) => o.value === value);
      return { key: field.id, label: field.label[language], children: option ? option.label[language] : value };
    });
  if (items.length === 0) return null;
  return <Descriptions title={t('cases.detail.formData')} size="small" bordered column={1} items={items} />;
}
