// A day's counts as the close signs them: cases, what was done, consultations
// and events, then the cases by matter. The form and the closed days both show it.
import { useTranslation } from 'react-i18next';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { DaySummary } from '../../../shared/supervision/schemas.ts';
import { useLanguage } from '../cases/format.ts';

const SUMMARY_ITEMS = ['cases', 'received', 'decided', 'corrections', 'collected', 'consultations', 'events'] as const;

export function CloseSummary({ summary, matters }: { summary: DaySummary; matters: ReadonlyMap<string, Matter> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 2, md: 4, xl: 7 }}
        data-testid="close-summary"
        items={SUMMARY_ITEMS.map((key) => ({
          key,
          label: t(`supervision.close.items.${key}`),
          children: (
            <span data-testid={`close-summary-${key}`} data-count={summary[key]}>
              {summary[key]}
            </span>
          ),
        }))}
      />
      {summary.byMatter.length > 0 && (
        <Flex gap={4} wrap align="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('supervision.close.byMatter')}</Typography.Text>
          {summary.byMatter.map((m) => (
            <Tag key={m.key} data-testid="close-summary-matter" data-key={m.key} data-count={m.count}>
              {matters.get(m.key)?.names[language] ?? m.key} {m.count}
            </Tag>
          ))}
        </Flex>
      )}
    </>
  );
}
