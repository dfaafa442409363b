// 收件: the wizard, the window's case list and its 容缺待补 to-do. Alt+N starts the
// next applicant from anywhere here, Alt+Q goes to the queue ticket; the receipt,
// closed, gives the focus back: after a submission to where the next intake
// starts, from the list to where it was.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Space, Tabs } from 'antd';
import { CasesView } from '../cases/CasesView.tsx';
import { CommitmentsTab } from '../commitments/CommitmentsTab.tsx';
import { useSession } from '../session/session.tsx';
import { OneTimeNoticeButtons } from '../notices/OneTimeNotice.tsx';
import { ConsultationButton } from '../supervision/ConsultationButton.tsx';
import { IntakeWizard, type IntakeWizardHandle } from './IntakeWizard.tsx';
import { isNewIntakeKey, useNewIntakeKeyOnPage } from './new-intake-key.ts';
import { ReceiptDialog } from './Receipt.tsx';
import { isTicketKey } from './wizard-keys.ts';

type Tab = 'new' | 'cases' | 'commitments';

interface OpenReceipt {
  caseId: string;
  /** Opened by a submission (or from its result): closing it leads to the next applicant. */
  fromIntake: boolean;
  /** What had the focus when it opened, to give it back. */
  returnTo: Element | null;
}

export function IntakeWorkspace() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canTakeIn = can('intake.create');
  const [tab, setTab] = useState<Tab>(canTakeIn ? 'new' : 'cases');
  // A panel is drawn once first shown, then kept (a draft or a scrolled list stays as it was).
  const [drawn, setDrawn] = useState<Tab[]>([tab]);
  const show = (key: Tab): void => {
    setTab(key);
    setDrawn((d) => (d.includes(key) ? d : [...d, key]));
  };
  const [receipt, setReceipt] = useState<OpenReceipt | null>(null);
  const wizard = useRef<IntakeWizardHandle>(null);
  const root = useRef<HTMLDivElement>(null);
  // Set when the receipt is closed, used once it has left the page.
  const focusAfterReceipt = useRef<OpenReceipt | null>(null);

  const openReceipt = (caseId: string, fromIntake: boolean): void =>
    setReceipt({ caseId, fromIntake, returnTo: document.activeElement });

  const closeReceipt = (): void => {
    focusAfterReceipt.current = receipt;
    setReceipt(null);
  };

  useEffect(() => {
    const closed = focusAfterReceipt.current;
    if (receipt !== null || closed === null) return;
    focusAfterReceipt.current = null;
    const back = closed.returnTo instanceof HTMLElement && closed.returnTo.isConnected ? closed.returnTo : null;
    if (closed.fromIntake || back === null || back === document.body) wizard.current?.focusNextIntake();
    else back.focus();
  }, [receipt]);

  const startNewIntake = (): void => {
    if (!canTakeIn) return;
    focusAfterReceipt.current = null;
    setReceipt(null);
    show('new');
    wizard.current?.startNew();
  };
  useNewIntakeKeyOnPage(startNewIntake);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    // The wizard answers Alt+Q itself; from the case list it shows the wizard first.
    if (isTicketKey(e) && !e.defaultPrevented && canTakeIn && !receipt) {
      e.preventDefault();
      show('new');
      wizard.current?.focusTicket();
      return;
    }
    if (!isNewIntakeKey(e)) return;
    // Keys from a dialog drawn elsewhere (a portal) reach here too: only the receipt of an intake takes Alt+N.
    const inWorkspace = root.current?.contains(e.target as Node) ?? false;
    if (!inWorkspace && !receipt?.fromIntake) return;
    e.preventDefault();
    startNewIntake();
  };

  // The panels are drawn here, not by the tabs: shown in the same render as the tab changes, so
  // Alt+N from the case list can focus the wizard at once.
  const panel = (key: Tab): React.CSSProperties => (tab === key ? {} : { display: 'none' });
  return (
    <div data-testid="workspace-intake" ref={root} onKeyDown={onKeyDown}>
      <Tabs
        activeKey={tab}
        onChange={(key) => show(key as Tab)}
        // 咨询登记: a question answered at this window without a case (shown with consultations.log).
        // 一次性告知单: what an applicant lacks, told in one go and recorded on a consultation.
        tabBarExtraContent={
          <Space>
            <OneTimeNoticeButtons />
            <ConsultationButton />
          </Space>
        }
        items={[
          ...(canTakeIn ? [{ key: 'new', label: t('intake.tabNew') }] : []),
          { key: 'cases', label: t('intake.tabCases') },
          { key: 'commitments', label: t('commitments.tab') },
        ]}
      />
      {canTakeIn && drawn.includes('new') && (
        <div role="tabpanel" style={panel('new')}>
          <IntakeWizard ref={wizard} onSubmitted={(caseId) => openReceipt(caseId, true)} />
        </div>
      )}
      {drawn.includes('cases') && (
        <div role="tabpanel" style={panel('cases')}>
          <CasesView origin="intake" onOpenReceipt={(caseId) => openReceipt(caseId, false)} />
        </div>
      )}
      {drawn.includes('commitments') && (
        <div role="tabpanel" style={panel('commitments')}>
          <CommitmentsTab onOpenReceipt={(caseId) => openReceipt(caseId, false)} />
        </div>
      )}
      {receipt && <ReceiptDialog caseId={receipt.caseId} onClose={closeReceipt} />}
    </div>
  );
}
