// Parts of a case's detail that come with the way back from the handling
// place: what is waiting for someone here, the clock, what each event said,
// and the notes between the two places.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, Input, List, Space, Tag, Typography } from 'antd';
import type { Matter } from '../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { limitWording } from '../notices/notices.ts';
import { describeError, rpc } from '../rpc.ts';
import { formatDateTime, useLanguage } from './format.ts';

/** What this place owes the case now, said plainly at the top. */
export function ToDo({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { row } = detail;
  const todo =
    row.origin === 'intake' && row.status === 6
      ? 'correction'
      : row.origin === 'intake' && row.subState === 'awaiting_pickup'
        ? 'pickup'
        : row.origin === 'inbox' && row.status === 1 && row.subState === 'delivered'
          ? 'signFor'
          : null;
  if (!todo) return null;
  return <Alert type="warning" showIcon title={t(`actions.todo.${todo}`)} data-testid="case-todo" />;
}

export function MarkTag({ mark }: { mark: 'none' | 'yellow' | 'red' }) {
  const { t } = useTranslation();
  if (mark === 'none') return null;
  return (
    <Tag color={mark === 'red' ? 'red' : 'gold'} data-testid="case-mark" data-mark={mark}>
      {t(`actions.marks.${mark}`)}
    </Tag>
  );
}

export function ClockSummary({ clock }: { clock: NonNullable<CaseDetail['clock']> }) {
  const { t } = useTranslation();
  const nearest = [clock.promised, clock.statutory]
    .filter((d): d is NonNullable<typeof d> => d !== null)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  // i18next context: the calendar-day wording where the matter counts calendar days.
  const context = clock.unit === 'calendar_days' ? 'calendar' : undefined;
  return (
    <Space wrap data-testid="case-clock" data-state={clock.state} data-unit={clock.unit}>
      <Typography.Text strong>{t('actions.clock.title')}</Typography.Text>
      <Tag>{t(`actions.clock.${clock.state}`)}</Tag>
      {clock.acceptanceDecision && (
        <span data-testid="clock-acceptance-decision">
          {t('actions.clock.acceptanceDecision', { date: clock.acceptanceDecision.date })}
        </span>
      )}
      {nearest && clock.state !== 'stopped' && (
        <span data-testid="clock-deadline">
          {nearest.date} ·{' '}
          {nearest.remainingDays >= 0
            ? t('actions.clock.remaining', { days: nearest.remainingDays, context })
            : t('actions.clock.overdue', { days: -nearest.remainingDays, context })}
        </span>
      )}
      {nearest && clock.state === 'stopped' && (
        <span>{t(nearest.onTime ? 'actions.clock.onTime' : 'actions.clock.late')}</span>
      )}
      {clock.pausedDays > 0 && <span>{t('actions.clock.paused_days', { days: clock.pausedDays, context })}</span>}
      {clock.extendedBy > 0 && (
        <span>{t('actions.clock.extended', { days: clock.extendedBy, context: context ?? 'working' })}</span>
      )}
      {context && <Typography.Text type="secondary">{t('actions.clock.calendar_days')}</Typography.Text>}
      <MarkTag mark={clock.mark} />
    </Space>
  );
}

/** The facts an event carries, in a line or a short list. */
export function EventDetails({
  type,
  details,
  matter,
}: {
  type: string;
  details: Record<string, unknown>;
  matter: Matter | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const material = (id: unknown): string =>
    id === null ? t('actions.otherItem') : (matter?.materials.find((m) => m.id === id)?.names[language] ?? String(id));
  // The shapes of shared/case/events.ts, every field optional: one reader for every event type.
  const d = details as Partial<{
    acceptanceNo: string;
    reasons: string[];
    items: { materialId: string | null; problem: string; note: string }[];
    deadline: string;
    materials: { materialId: string }[];
    carrier: string;
    waybillNo: string;
    mailedOn: string;
    part: string;
    kind: string;
    reason: string;
    resultDocuments: { title: string }[];
    collector: { name: string; idNumber: string };
    rating: number;
    comment: string;
    note: string;
    count: number;
    legalBasis: string;
  }>;
  let lines: string[] = [];
  if (type === 'case.accepted') lines = [`${t('actions.acceptanceNo')}: ${d.acceptanceNo}`];
  if (type === 'case.not_accepted' || type === 'case.concluded_refused') lines = d.reasons ?? [];
  if (type === 'case.correction_requested') {
    lines = [
      ...(d.items ?? []).map(
        (item) => `${material(item.materialId)}（${t(`actions.problems.${item.problem}`)}）${item.note}`,
      ),
      `${t('actions.deadline')}: ${d.deadline}`,
    ];
  }
  if (type === 'case.correction_supplied') {
    lines = (d.materials ?? []).map((m) => material(m.materialId));
  }
  if (type === 'case.originals_dispatched' || type === 'case.result_mailed') {
    lines = [`${d.carrier} ${d.waybillNo} · ${d.mailedOn}`];
  }
  if (type === 'case.signed_for') lines = [t(`actions.parts.${d.part}`)];
  if (type === 'case.special_procedure_started') lines = [`${t(`actions.kinds.${d.kind}`)}: ${d.reason}`];
  if (type === 'case.deadline_extended') {
    const context = limitWording(matter) ?? 'working';
    lines = [t('actions.clock.extended', { days: d.count, context }), `${t('actions.legalBasis')}: ${d.legalBasis}`];
    if (d.reason) lines.push(d.reason);
  }
  if (type.startsWith('case.concluded_')) {
    lines = [...lines, ...(d.resultDocuments ?? []).map((doc) => doc.title)];
  }
  if (type === 'case.result_collected') {
    lines = [`${t('actions.collector')}: ${d.collector?.name} ${d.collector?.idNumber}`];
  }
  if (type === 'case.evaluated') {
    lines = [`${t(`actions.ratings.${d.rating}`)}${d.comment ? ` · ${d.comment}` : ''}`];
    if ((d.rating ?? 5) <= 2) lines.push(t('actions.badRating'));
  }
  if (typeof d.note === 'string') lines = [...lines, d.note];
  if (lines.length === 0) return null;
  return (
    <div data-testid="event-details">
      {lines.map((line, index) => (
        <div key={index}>
          <Typography.Text>{line}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** When an event happened and who recorded it: by name here, by role for the other place. */
export function WhenAndWho({ entry }: { entry: CaseDetail['timeline'][number] }) {
  const { t } = useTranslation();
  const role = t(`auth.roles.${entry.role}`);
  return (
    <Typography.Text type="secondary">
      {formatDateTime(entry.occurredAt)} ·{' '}
      {entry.actor === null
        ? t('cases.detail.byPartner', { role })
        : t('cases.detail.by', { actor: entry.actor, role })}
    </Typography.Text>
  );
}

/** 业务协同: the thread between the intake clerk and the handling officer; sending is one event. */
export function CaseNotes({
  caseId,
  timeline,
  canWrite,
}: {
  caseId: string;
  timeline: CaseDetail['timeline'];
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notes = timeline.filter((entry) => entry.type === 'case.note_added');
  const send = async (): Promise<void> => {
    setBusy(true);
    try {
      await rpc('cases.record', { caseId, type: 'case.note_added', payload: { text: text.trim() } });
      setText('');
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="case-notes">
      <Typography.Title level={5}>{t('actions.notes')}</Typography.Title>
      {notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('actions.noNotes')} />
      ) : (
        <List
          size="small"
          dataSource={notes}
          renderItem={(note) => (
            <List.Item data-testid="case-note">
              <Space orientation="vertical" size={0}>
                <Typography.Text>{String(note.details.text)}</Typography.Text>
                <WhenAndWho entry={note} />
              </Space>
            </List.Item>
          )}
        />
      )}
      {canWrite && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={text}
            maxLength={2000}
            placeholder={t('actions.notePlaceholder')}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={() => text.trim() && void send()}
            data-testid="case-note-input"
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!text.trim()}
            onClick={() => void send()}
            data-testid="case-note-send"
          >
            {t('actions.sendNote')}
          </Button>
        </Space.Compact>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </section>
  );
}
