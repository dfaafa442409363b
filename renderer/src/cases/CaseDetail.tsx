// One case in a drawer: its panels (detail/) top to bottom — where it stands
// and its clock, the 容缺 commitments, who applied, the materials and scans,
// the timeline, the notes between the two places and what may be recorded next.
// It reloads whenever the backend says the case changed, here or at the partner,
// and a reload never takes away what is on screen: a form open on the case stays
// open with what was typed, and a reload that fails leaves the case as last read, saying so.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Drawer, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Matter } from '../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { CaseCommitments } from '../commitments/CaseCommitments.tsx';
import { NoticeButtons } from '../notices/NoticeButtons.tsx';
import { describeError, rpc } from '../rpc.ts';
import { ClockSummary, detailOutcome } from './case-parts.tsx';
import { CorrectionMarkLine } from './CorrectionMark.tsx';
import { CaseScans, Materials } from './detail/Materials.tsx';
import { NextActions } from './detail/NextActions.tsx';
import { CaseNotes } from './detail/Notes.tsx';
import { PaperJourney } from './detail/PaperJourney.tsx';
import { FormData, Person } from './detail/Parties.tsx';
import { CaseSummary, ToDo } from './detail/Summary.tsx';
import { CaseTimeline } from './detail/Timeline.tsx';
import { IdentitySourceLine } from '../intake/IdCardRead.tsx';
import { singleFlight } from './reload.ts';

interface DrawerProps {
  caseId: string | null;
  matters: ReadonlyMap<string, Matter>;
  onClose(): void;
  onOpenReceipt(caseId: string): void;
}

export function CaseDetailDrawer({ caseId, matters, onClose, onOpenReceipt }: DrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={caseId !== null}
      onClose={onClose}
      size={760}
      // Unmounting the content forgets every revealed value when the drawer closes.
      destroyOnHidden
      title={t('cases.detail.title')}
      extra={
        caseId && (
          <Button icon={<PrinterOutlined />} onClick={() => onOpenReceipt(caseId)} data-testid="case-receipt">
            {t('cases.detail.receipt')}
          </Button>
        )
      }
      data-testid="case-detail"
    >
      {caseId && <CaseDetailBody key={caseId} caseId={caseId} matters={matters} />}
    </Drawer>
  );
}

function CaseDetailBody({ caseId, matters }: { caseId: string; matters: ReadonlyMap<string, Matter> }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  // One reading at a time; changes announced during it are read once more after it.
  const load = useMemo(
    () =>
      singleFlight(() =>
        rpc('cases.get', { caseId }).then(
          (next) => {
            setDetail(next);
            setError(null);
          },
          (e: unknown) => setError(describeError(e, t)),
        ),
      ),
    [caseId, t],
  );
  useEffect(() => void load(), [load]);
  useEffect(
    () => api.on('cases.changed', ({ caseIds }) => (caseIds.includes(caseId) ? void load() : undefined)),
    [caseId, load],
  );

  // Only a case never read is replaced by its error; a failed reload keeps the case and its open forms.
  if (!detail && error) return <Alert type="error" showIcon title={error} data-testid="case-detail-error" />;
  if (!detail) return <Spin description={t('cases.detail.loading')} />;

  const { row } = detail;
  const matter = matters.get(row.matterId);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail-body">
      {error && (
        <Alert
          type="warning"
          showIcon
          title={t('formChanges.staleDetail')}
          description={error}
          action={
            <Button size="small" onClick={() => void load()} data-testid="case-detail-retry">
              {t('formChanges.retry')}
            </Button>
          }
          data-testid="case-detail-stale"
        />
      )}
      <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: row.caseNo }} data-testid="case-number">
        {row.caseNo}
      </Typography.Title>
      <CaseSummary detail={detail} matter={matter} />
      <ToDo detail={detail} />
      <NoticeButtons detail={detail} />
      <CaseCommitments detail={detail} matter={matter} />
      {detail.clock && <ClockSummary clock={detail.clock} outcome={detailOutcome(detail)} />}
      <CorrectionMarkLine detail={detail} />
      <Person caseId={caseId} who="applicant" person={detail.applicant} />
      {detail.applicantIdentity && <IdentitySourceLine source={detail.applicantIdentity} />}
      {detail.agent && (
        <Person caseId={caseId} who="agent" person={detail.agent} powerOfAttorney={detail.agent.powerOfAttorney} />
      )}
      {matter && (
        <FormData caseId={caseId} matter={matter} values={detail.formData} sensitiveFields={detail.sensitiveFields} />
      )}
      <Materials matter={matter} materials={detail.materials} />
      <CaseScans detail={detail} matter={matter} />
      <PaperJourney detail={detail} matter={matter} />
      <CaseTimeline timeline={detail.timeline} matter={matter} />
      <CaseNotes detail={detail} matter={matter} canWrite={detail.nextActions.includes('case.note_added')} />
      <NextActions detail={detail} matter={matter} />
    </Space>
  );
}
