// The supervisor's workspace: the daily ledger, the warnings, the bad ratings'
// rectification, statistics and the end-of-day close, with any case opening
// in the same case detail the other workspaces use. A closed day whose data was changed afterwards is
// announced above everything.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Tabs, Typography } from 'antd';
import type { DayClose } from '../../../shared/supervision/schemas.ts';
import { CaseDetailDrawer } from '../cases/CaseDetail.tsx';
import { useLanguage, useMatters } from '../cases/format.ts';
import { ReceiptDialog } from '../intake/Receipt.tsx';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { DayCloseTab } from './DayCloseTab.tsx';
import { LedgerTab } from './LedgerTab.tsx';
import { RectificationTab } from './RectificationTab.tsx';
import { StatsTab } from './StatsTab.tsx';
import { WarningsTab } from './WarningsTab.tsx';
import { useWarnings } from './warnings-store.ts';

// A bit more than a month of closes is checked each time the list is read.
const CLOSED_DAYS_CHECKED = 40;

/** The nav item, with the number of open warnings. */
export function SupervisorNavLabel() {
  const { t } = useTranslation();
  const { warnings } = useWarnings();
  const count = warnings?.items.length ?? 0;
  return (
    <Badge count={count} size="small" offset={[10, 0]}>
      <span data-testid="nav-warnings-count" data-count={count}>
        {t('nav.supervisor')}
      </span>
    </Badge>
  );
}

export function SupervisorWorkspace() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { locked } = useSession();
  const matters = useMatters();
  const { warnings } = useWarnings();
  const [tab, setTab] = useState('ledger');
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const [receiptFor, setReceiptFor] = useState<string | null>(null);
  const [closedDays, setClosedDays] = useState<DayClose[] | null>(null);
  const [closedError, setClosedError] = useState<string | null>(null);

  const loadClosedDays = useCallback(
    () =>
      rpc('supervision.closedDays', { limit: CLOSED_DAYS_CHECKED }).then(
        (days) => {
          setClosedDays(days);
          setClosedError(null);
        },
        (e: unknown) => setClosedError(describeError(e, t)),
      ),
    [t],
  );
  // Checked again whenever the close tab is opened: a change to the database file shows up there.
  useEffect(() => {
    if (!locked) void loadClosedDays();
  }, [loadClosedDays, locked, tab]);

  const tampered = closedDays?.filter((c) => !c.intact) ?? [];
  const warningCount = warnings?.items.length ?? 0;

  const tabs = [
    {
      key: 'ledger',
      label: t('supervision.tabs.ledger'),
      children: <LedgerTab matters={matters} onOpenCase={setOpenCaseId} />,
    },
    {
      key: 'warnings',
      label: (
        <Badge count={warningCount} size="small" offset={[8, -2]}>
          <span data-testid="supervisor-tab-warnings-label" data-count={warningCount}>
            {t('supervision.tabs.warnings')}
          </span>
        </Badge>
      ),
      children: <WarningsTab matters={matters} onOpenCase={setOpenCaseId} />,
    },
    {
      key: 'rectification',
      label: t('rectification.tab'),
      children: <RectificationTab matters={matters} onOpenCase={setOpenCaseId} />,
    },
    { key: 'stats', label: t('supervision.tabs.stats'), children: <StatsTab matters={matters} /> },
    {
      key: 'close',
      label: t('supervision.tabs.close'),
      children: (
        <DayCloseTab
          matters={matters}
          closedDays={closedDays}
          closedError={closedError}
          onClosed={() => void loadClosedDays()}
          onOpenCase={setOpenCaseId}
        />
      ),
    },
  ];

  return (
    <div data-testid="workspace-supervisor">
      <Typography.Paragraph type="secondary">{t('workspace.supervisor')}</Typography.Paragraph>
      {tampered.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('supervision.tampered.title')}
          description={t('supervision.tampered.detail', {
            days: new Intl.ListFormat(language).format(tampered.map((c) => c.day)),
          })}
          data-testid="supervisor-tampered"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={tabs.map((item) => ({
          ...item,
          label: <span data-testid={`supervisor-tab-${item.key}`}>{item.label}</span>,
        }))}
      />
      <CaseDetailDrawer
        caseId={openCaseId}
        matters={matters}
        onClose={() => setOpenCaseId(null)}
        onOpenReceipt={setReceiptFor}
      />
      {receiptFor && <ReceiptDialog caseId={receiptFor} onClose={() => setReceiptFor(null)} />}
    </div>
  );
}
