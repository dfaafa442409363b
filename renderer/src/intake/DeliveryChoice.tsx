// 送达方式 on the applicant step: collected at this window, at the handling
// place, or posted by EMS. A posted result takes the county from the GB/T 2260
// list (typed by name, pinyin initials or code; its province and city follow),
// then the street and the recipient's phone, prefilled with the applicant's.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AutoComplete, Col, Form, Input, Radio, Row, Typography } from 'antd';
import { DELIVERY_METHODS, deliveryOffered, type DeliveryMethod } from '../../../shared/case/delivery.ts';
import { validateIdentityDocument } from '../../../shared/identity/validate.ts';
import type { Language } from '../../../shared/languages.ts';
import { regionName, searchRegions } from '../../../shared/regions.ts';
import { defaultDelivery, type DeliveryState, type StepProps } from './wizard-state.ts';

const RESULTS = 8;

function CountySearch({ value, onChange }: { value: string | null; onChange(code: string | null): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(
    () =>
      query === null
        ? []
        : searchRegions(query, RESULTS).map((r) => ({ value: r.code, label: regionName(r.code, language) })),
    [query, language],
  );
  return (
    <Form.Item label={t('delivery.county')} required>
      <AutoComplete
        value={query ?? (value ? regionName(value, language) : '')}
        options={options}
        onSearch={(text) => {
          setQuery(text);
          if (value) onChange(null);
        }}
        onSelect={(code: string) => {
          onChange(code);
          setQuery(null);
        }}
        notFoundContent={query?.trim() ? t('delivery.noMatch') : null}
        defaultActiveFirstOption
      >
        <Input placeholder={t('delivery.countyPlaceholder')} data-testid="delivery-county" data-value={value ?? ''} />
      </AutoComplete>
    </Form.Item>
  );
}

export function DeliveryChoice({ matter, state, update }: StepProps) {
  const { t } = useTranslation();
  const delivery = state.delivery ?? defaultDelivery(matter);
  const set = (change: Partial<DeliveryState>): void =>
    update((s) => ({ ...s, delivery: { ...(s.delivery ?? defaultDelivery(matter)), ...change } }));
  const choose = (method: DeliveryMethod): void =>
    // The courier calls the applicant unless told otherwise.
    set(method === 'post' && delivery.phone === '' ? { method, phone: state.applicant.phone } : { method });
  const phone = delivery.phone.trim() === '' ? null : validateIdentityDocument('mobile', delivery.phone);
  return (
    <>
      <Form.Item label={t('delivery.title')} required>
        <Radio.Group
          value={delivery.method}
          onChange={(e) => choose(e.target.value as DeliveryMethod)}
          data-testid="delivery-method"
          options={DELIVERY_METHODS.map((method) => ({
            value: method,
            disabled: !deliveryOffered(method, matter.resultDelivery),
            label: (
              <span
                data-testid={`delivery-${method}`}
                title={deliveryOffered(method, matter.resultDelivery) ? undefined : t('delivery.notOffered')}
              >
                {t(`delivery.methods.${method}`)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      {delivery.method === 'post' && (
        <Row gutter={16}>
          <Col span={12}>
            <CountySearch value={delivery.county} onChange={(county) => set({ county })} />
          </Col>
          <Col span={12}>
            <Form.Item label={t('delivery.phone')} required>
              <Input
                value={delivery.phone}
                maxLength={30}
                onChange={(e) => set({ phone: e.target.value })}
                data-testid="delivery-phone"
              />
              {phone && !phone.ok && (
                <Typography.Text type="danger" data-testid="delivery-phone-error">
                  {t(`identity.errors.${phone.error}`)}
                </Typography.Text>
              )}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('delivery.street')} required>
              <Input
                value={delivery.street}
                maxLength={200}
                onChange={(e) => set({ street: e.target.value })}
                data-testid="delivery-street"
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
