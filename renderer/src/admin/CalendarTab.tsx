import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Alert, Space, Table, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { parseCalendarFile, parseCatalogFile, type CalendarYear } from '../../../shared/catalog/index.ts';
import { describeError, rpc } from '../rpc.ts';
import { importText, JsonFileButton } from './json-file.tsx';

// The contract's limits for calendar.import and catalog.import.
const MAX_FILE_CHARS = { calendar: 1_000_000, catalog: 5_000_000 } as const;
type FileKind = keyof typeof MAX_FILE_CHARS;

/** The backend's own checks, run first so a bad file is named without a round trip. */
function localProblem(kind: FileKind, fileText: string, t: TFunction): string | null {
  if (fileText.length > MAX_FILE_CHARS[kind]) return t(`admin.calendar.tooLarge_${kind}`);
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    return t(`reasons.${kind}_not_json`);
  }
  const parsed = kind === 'catalog' ? parseCatalogFile(json) : parseCalendarFile(json);
  return parsed.ok ? null : t(`reasons.${kind}_invalid`, { detail: parsed.error });
}

export function CalendarTab() {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [years, setYears] = useState<CalendarYear[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () => rpc('calendar.list', {}).then(setYears, (e: unknown) => setError(describeError(e, t))),
    [t],
  );
  useEffect(() => void load(), [load]);

  const importFile = (kind: FileKind, file: File): Promise<void> =>
    importText(
      file,
      {
        readFailed: t('admin.calendar.readFailed'),
        problem: (fileText) => localProblem(kind, fileText, t),
        send: async (fileText) => {
          if (kind === 'catalog') {
            const installed = await rpc('catalog.import', { fileText });
            void toast.success(t('admin.calendar.catalogImported', installed));
          } else {
            const { years: imported } = await rpc('calendar.import', { fileText });
            void toast.success(t('admin.calendar.imported', { years: imported.join('、') }));
            await load();
          }
        },
      },
      { setBusy, setError, describe: (e) => describeError(e, t) },
    );

  const columns: TableColumnsType<CalendarYear> = [
    { title: t('admin.calendar.year'), dataIndex: 'year', width: 100 },
    { title: t('admin.calendar.holidays'), width: 120, render: (_, year) => year.holidays.length },
    {
      title: t('admin.calendar.workdays'),
      render: (_, year) =>
        year.workdays.length === 0 ? t('admin.calendar.none') : year.workdays.map((day) => day.slice(5)).join('、'),
    },
    { title: t('admin.calendar.source'), render: (_, year) => year.source ?? '—' },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 900 }}>
      {toastHolder}
      <Typography.Paragraph type="secondary">{t('admin.calendar.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="calendar-error" />}
      <Table<CalendarYear>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={years}
        pagination={false}
        data-testid="calendar-table"
      />
      <Space>
        <JsonFileButton
          name="calendar"
          label={t('admin.calendar.import')}
          busy={busy}
          onFile={(file) => importFile('calendar', file)}
        />
        <Typography.Text type="secondary">{t('admin.calendar.importHint')}</Typography.Text>
      </Space>
      <Space>
        <JsonFileButton
          name="catalog"
          label={t('admin.calendar.importCatalog')}
          busy={busy}
          onFile={(file) => importFile('catalog', file)}
        />
        <Typography.Text type="secondary">{t('admin.calendar.importCatalogHint')}</Typography.Text>
      </Space>
    </Space>
  );
}
