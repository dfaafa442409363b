// The ledger's day and its filters: clerk, matter, status and partner region;
// a closed day is marked beside them.
import { useTranslation } from 'react-i18next';
import { DatePicker, Flex, Select, Tag } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { CASE_STATUSES, type CaseStatusCode } from '../../../shared/case/status.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Ledger } from '../../../shared/supervision/schemas.ts';
import { useLanguage } from '../cases/format.ts';
import { fromDay, toDay, today } from './files.ts';
import type { LedgerFilters as Filters } from './use-ledger.ts';

export function LedgerFilters({
  matters,
  ledger,
  day,
  onDay,
  filters,
  setFilter,
}: {
  matters: ReadonlyMap<string, Matter>;
  ledger: Ledger | null;
  day: string;
  onDay(day: string): void;
  filters: Filters;
  setFilter<K extends keyof Filters>(key: K, value: Filters[K] | undefined): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const regions = ledger?.regions ?? [];
  return (
    <Flex gap={8} wrap align="center">
      <span data-testid="ledger-day">
        <DatePicker
          allowClear={false}
          value={fromDay(day)}
          onChange={(value) => value && onDay(toDay(value))}
          disabledDate={(value) => toDay(value) > today()}
          aria-label={t('supervision.ledger.day')}
        />
      </span>
      <Select<string>
        allowClear
        placeholder={t('supervision.ledger.clerk')}
        style={{ width: 130 }}
        value={filters.clerkUserId}
        onChange={(v) => setFilter('clerkUserId', v)}
        options={ledger?.clerks.map((c) => ({ value: c.userId, label: c.displayName })) ?? []}
        data-testid="ledger-filter-clerk"
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('supervision.ledger.matter')}
        style={{ width: 200 }}
        popupMatchSelectWidth={360}
        value={filters.matterId}
        onChange={(v) => setFilter('matterId', v)}
        options={[...matters.values()].map((m) => ({ value: m.id, label: m.names[language] }))}
        data-testid="ledger-filter-matter"
      />
      <Select<CaseStatusCode>
        allowClear
        placeholder={t('supervision.ledger.status')}
        style={{ width: 150 }}
        value={filters.status}
        onChange={(v) => setFilter('status', v)}
        options={Object.entries(CASE_STATUSES).map(([code, name]) => ({
          value: Number(code) as CaseStatusCode,
          label: t(`cases.statuses.${name}`),
        }))}
        data-testid="ledger-filter-status"
      />
      <Select<string>
        allowClear
        placeholder={t('supervision.ledger.region')}
        style={{ width: 220 }}
        value={filters.regionCode}
        onChange={(v) => setFilter('regionCode', v)}
        options={regions.map((code) => ({ value: code, label: regionName(code, language) }))}
        data-testid="ledger-filter-region"
      />
      {ledger?.closed && (
        <Tag color="green" data-testid="ledger-closed">
          {t('supervision.ledger.closed')}
        </Tag>
      )}
    </Flex>
  );
}
