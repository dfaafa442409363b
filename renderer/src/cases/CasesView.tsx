// The case list: filters and search run in the backend (search through the
// blind index), rows arrive in pages as the user scrolls, and the table is
// virtualized so 100,000 rows stay smooth.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, DatePicker, Input, Select, Space, Spin, Table, Typography } from 'antd';
import type { TableRef } from 'antd';
import { CASE_STATUSES, SYNC_STATES, type CaseStatusCode, type SyncState } from '../../../shared/case/status.ts';
import type { CaseRow } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { describeError, rpc } from '../rpc.ts';
import { CaseDetailDrawer } from './CaseDetail.tsx';
import { useLanguage, useMatters } from './format.ts';
import { useCaseColumns } from './case-columns.tsx';
import { useCaseSearch } from './use-case-search.ts';

const PAGE = 200;
// A screen's worth: each keystroke of a search asks again, and a smaller first answer comes back and is
// drawn sooner; a taller screen asks for the next page at once (below).
const FIRST_PAGE = 25;
const MAX_PAGE = 500; // the contract's largest limit
const ROW_HEIGHT = 40;
// What sits above and below the list on screen: header, tabs, filters, status bar.
const CHROME_HEIGHT = 340;
const LOAD_AHEAD_PX = ROW_HEIGHT * 50;

interface Filters {
  from?: string;
  to?: string;
  status?: CaseStatusCode;
  matterId?: string;
  syncState?: SyncState;
  origin?: CaseRow['origin'];
  query?: string;
}

/** The list's height and width follow the window; the virtual table needs them as numbers. */
function useListSize(): [(element: HTMLDivElement | null) => void, number, number] {
  const [height, setHeight] = useState(window.innerHeight);
  const [width, setWidth] = useState(0);
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    const resize = (): void => setHeight(window.innerHeight);
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, Math.max(300, height - CHROME_HEIGHT), width];
}

export function CasesView({
  onOpenReceipt,
  origin,
}: {
  onOpenReceipt(caseId: string): void;
  /** Cases taken in here, or those that arrived for this acceptance desk. */
  origin: CaseRow['origin'];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const matters = useMatters();
  const [filters, setFilters] = useState<Filters>({ origin });
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [total, setTotal] = useState(0);
  // The backend counts up to a cap; past it, rows keep coming until a page comes back short.
  const [capped, setCapped] = useState(false);
  // The filters the rows on screen answer; while they differ from the chosen ones, a query is under way.
  const [shownFor, setShownFor] = useState<Filters | null>(null);
  const loading = shownFor !== filters;
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const table = useRef<TableRef>(null);
  const [measure, listHeight, listWidth] = useListSize();
  // Answers to a superseded query are dropped; the refs let scroll and event handlers see the latest state.
  const generation = useRef(0);
  const busy = useRef(false);
  const loaded = useRef({ rows, total, capped });
  useEffect(() => {
    loaded.current = { rows, total, capped };
  }, [rows, total, capped]);

  /** The first rows again: after a filter change, or, keeping what was loaded (up to a page's limit), after a change. */
  const reload = useCallback(
    (keep: number) => {
      const gen = ++generation.current;
      busy.current = true;
      const limit = Math.min(Math.max(keep, FIRST_PAGE), MAX_PAGE);
      const current = (): boolean => gen === generation.current;
      return rpc('cases.list', { ...filters, offset: 0, limit })
        .then(
          (result) => {
            if (!current()) return;
            setRows(result.rows);
            setTotal(result.total);
            setCapped(result.totalCapped);
            setError(null);
          },
          (e: unknown) => current() && setError(describeError(e, t)),
        )
        .finally(() => {
          if (!current()) return;
          busy.current = false;
          setShownFor(filters);
        });
    },
    [filters, t],
  );

  const loadMore = useCallback(async () => {
    const { rows: have, total: all, capped: more } = loaded.current;
    if (busy.current || (!more && have.length >= all)) return;
    const gen = generation.current;
    busy.current = true;
    setLoadingMore(true);
    try {
      const result = await rpc('cases.list', { ...filters, offset: have.length, limit: PAGE });
      if (gen !== generation.current) return;
      // A case taken in meanwhile shifts the offsets by one: skip what is already there.
      setRows((prev) => {
        const known = new Set(prev.map((row) => row.caseId));
        return [...prev, ...result.rows.filter((row) => !known.has(row.caseId))];
      });
      if (result.rows.length < PAGE) {
        setCapped(false);
        setTotal(have.length + result.rows.length);
      }
    } catch (e) {
      if (gen === generation.current) setError(describeError(e, t));
    } finally {
      if (gen === generation.current) busy.current = false;
      setLoadingMore(false);
    }
  }, [filters, t]);

  useEffect(() => void reload(0), [reload]);
  useEffect(() => api.on('cases.changed', () => void reload(loaded.current.rows.length)), [reload]);

  const { problem: caseNumberProblem, inputProps: searchProps } = useCaseSearch((query) =>
    setFilters((f) => ({ ...f, query })),
  );

  // The table is made again only when its rows, columns or size change, not at each keystroke in the
  // search box: its handlers read the latest rows and loader through refs.
  const loadMoreRef = useRef(loadMore);
  useEffect(() => {
    loadMoreRef.current = loadMore;
  }, [loadMore]);
  // Rows that do not fill the list leave nothing to scroll, so no scroll would ask for more: ask now.
  useEffect(() => {
    const body = table.current?.nativeElement?.querySelector<HTMLElement>('.ant-table-tbody-virtual-holder');
    if (body && body.scrollHeight <= body.clientHeight) void loadMoreRef.current();
  }, [rows]);
  const { columns, width } = useCaseColumns(listWidth);
  // The filters' pickers, made again only with the language or the catalog: not at each keystroke.
  const filterControls = useMemo(
    () => (
      <>
        <span data-testid="cases-dates">
          <DatePicker.RangePicker
            placeholder={[t('cases.filters.from'), t('cases.filters.to')]}
            // Either end may stay open ("from" a day on, or "to" a day); an empty end also lets Tab move on,
            // where the picker would otherwise keep the focus in the empty field.
            allowEmpty={[true, true]}
            // Cleared, the picker passes null instead of two empty strings.
            onChange={(_, days) =>
              setFilters((f) => ({ ...f, from: days?.[0] || undefined, to: days?.[1] || undefined }))
            }
            style={{ width: 240 }}
          />
        </span>
        <Select<CaseStatusCode>
          allowClear
          placeholder={t('cases.filters.status')}
          style={{ width: 150 }}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={Object.entries(CASE_STATUSES).map(([code, name]) => ({
            value: Number(code) as CaseStatusCode,
            label: t(`cases.statuses.${name}`),
          }))}
          data-testid="cases-status"
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.filters.matter')}
          style={{ width: 220 }}
          popupMatchSelectWidth={420}
          onChange={(matterId) => setFilters((f) => ({ ...f, matterId }))}
          options={[...matters.values()]
            .filter((matter) => matter.createsCase)
            .map((matter) => ({ value: matter.id, label: `${matter.id} ${matter.names[language]}` }))}
          data-testid="cases-matter"
        />
        <Select<SyncState>
          allowClear
          placeholder={t('cases.filters.syncState')}
          style={{ width: 140 }}
          onChange={(syncState) => setFilters((f) => ({ ...f, syncState }))}
          options={SYNC_STATES.map((state) => ({ value: state, label: t(`cases.syncStates.${state}`) }))}
          data-testid="cases-sync"
        />
      </>
    ),
    [t, language, matters],
  );
  const emptyText = rows.length > 0 || !loading ? t('cases.empty') : ' ';
  const tableElement = useMemo(() => {
    const focusRow = (index: number): void => {
      const row = loaded.current.rows[index];
      if (!row) return;
      table.current?.scrollTo({ index });
      // The row exists in the DOM only once the virtual list has rendered it.
      requestAnimationFrame(() =>
        table.current?.nativeElement
          ?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(row.caseId)}"]`)
          ?.focus({ preventScroll: true }),
      );
      if (index > loaded.current.rows.length - 20) void loadMoreRef.current();
    };
    const onRowKey = (e: KeyboardEvent<HTMLElement>, index: number): void => {
      if (e.key === 'Enter') setOpenCaseId(loaded.current.rows[index]!.caseId);
      else if (e.key === 'ArrowDown') focusRow(index + 1);
      else if (e.key === 'ArrowUp') focusRow(index - 1);
      else return;
      e.preventDefault();
    };
    const onScroll = (e: UIEvent<HTMLDivElement>): void => {
      const el = e.currentTarget;
      if (el && el.scrollHeight - el.scrollTop - el.clientHeight < LOAD_AHEAD_PX) void loadMoreRef.current();
    };
    return (
      <Table<CaseRow>
        ref={table}
        virtual
        size="small"
        rowKey="caseId"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: width, y: listHeight }}
        onScroll={onScroll}
        locale={{ emptyText }}
        onRow={(row, index = 0) => ({
          tabIndex: 0,
          style: { cursor: 'pointer' },
          'data-testid': 'case-row',
          onClick: () => setOpenCaseId(row.caseId),
          onKeyDown: (e: KeyboardEvent<HTMLElement>) => onRowKey(e, index),
        })}
        data-testid="cases-table"
      />
    );
  }, [rows, columns, width, listHeight, emptyText]);

  return (
    <Space
      orientation="vertical"
      style={{ width: '100%' }}
      styles={{ item: { width: '100%' } }}
      data-testid="cases-view"
    >
      <Space wrap align="start">
        {filterControls}
        <div style={{ width: 300 }}>
          <Input.Search
            allowClear
            aria-label={t('cases.search.label')}
            placeholder={t('cases.search.placeholder')}
            maxLength={60}
            {...searchProps}
            status={caseNumberProblem ? 'error' : undefined}
            data-testid="cases-search"
          />
          {caseNumberProblem && (
            <Typography.Text type="danger" data-testid="cases-search-problem">
              {t(`cases.search.${caseNumberProblem}`)}
            </Typography.Text>
          )}
        </div>
      </Space>
      {error && <Alert type="error" showIcon title={error} data-testid="cases-error" />}
      <Space>
        <Typography.Text data-testid="cases-total">
          {t(capped ? 'cases.totalMore' : 'cases.total', { count: total })}
        </Typography.Text>
        {(loading || loadingMore) && <Spin size="small" />}
      </Space>
      <div ref={measure}>{tableElement}</div>
      <CaseDetailDrawer
        caseId={openCaseId}
        matters={matters}
        onClose={() => setOpenCaseId(null)}
        onOpenReceipt={onOpenReceipt}
      />
    </Space>
  );
}
