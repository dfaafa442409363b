// A case's events in order, each with its name, what it said (as the event
// registry shows its type), whether it has reached the partner, and who recorded it when.
import { useTranslation } from 'react-i18next';
import { Space, Tag, Timeline, Typography } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { viewOf } from '../events/registry.ts';
import type { TimelineContext } from '../events/types.ts';
import { useLanguage } from '../format.ts';
import { localDateTime } from '../../../../shared/local-time.ts';

type TimelineEntry = CaseDetail['timeline'][number];

/** When an event happened and who recorded it: by name here, by role for the other place. */
export function WhenAndWho({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const role = t(`auth.roles.${entry.role}`);
  return (
    <Typography.Text type="secondary">
      {localDateTime(entry.occurredAt)} ·{' '}
      {entry.actor === null
        ? t('cases.detail.byPartner', { role })
        : t('cases.detail.by', { actor: entry.actor, role })}
    </Typography.Text>
  );
}

/** The facts an event carries, in a line or a short list. */
function EventLines({ entry, context }: { entry: TimelineEntry; context: TimelineContext }) {
  const lines = viewOf(entry.type)?.timeline(entry.details, context) ?? [];
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

export function CaseTimeline({ timeline, matter }: { timeline: CaseDetail['timeline']; matter: Matter | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const context: TimelineContext = {
    t,
    matter,
    material: (id) =>
      id === null ? t('actions.otherItem') : (matter?.materials.find((m) => m.id === id)?.names[language] ?? id),
  };
  return (
    <section data-testid="case-timeline">
      <Typography.Title level={5}>{t('cases.detail.timeline')}</Typography.Title>
      <Timeline
        items={timeline.map((entry) => {
          const view = viewOf(entry.type);
          return {
            key: entry.eventId,
            color: entry.syncedAt ? 'green' : 'gray',
            content: (
              <>
                <Space size={4} wrap>
                  <Typography.Text strong>{view ? t(view.label) : entry.type}</Typography.Text>
                  {entry.syncedAt ? (
                    <Tag color="green">{t('cases.detail.synced')}</Tag>
                  ) : (
                    <Tag>{t('cases.detail.notSynced')}</Tag>
                  )}
                </Space>
                <EventLines entry={entry} context={context} />
                <div>
                  <WhenAndWho entry={entry} />
                </div>
              </>
            ),
          };
        })}
      />
    </section>
  );
}
