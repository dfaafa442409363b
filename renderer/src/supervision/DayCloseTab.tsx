// 日结: the day's counts, a word on every open warning, then the signature
// (CloseForm, for supervision.close); below, every closed day checked again
// against what it signed (ClosedDays).
import { Space } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { DayClose } from '../../../shared/supervision/schemas.ts';
import { useSession } from '../session/session.tsx';
import { CloseForm } from './CloseForm.tsx';
import { ClosedDays } from './ClosedDays.tsx';

export function DayCloseTab({
  matters,
  closedDays,
  closedError,
  onClosed,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  closedDays: DayClose[] | null;
  closedError: string | null;
  onClosed(): void;
  onOpenCase(caseId: string): void;
}) {
  const { can } = useSession();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="close-tab">
      {can('supervision.close') && <CloseForm matters={matters} onClosed={onClosed} onOpenCase={onOpenCase} />}
      <ClosedDays matters={matters} closedDays={closedDays} error={closedError} />
    </Space>
  );
}
