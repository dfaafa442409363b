// Where the paper is: the delivery the applicant chose (a posted result's
// street and phone masked, revealed by the audited call), where the originals
// and the result are now, and each step they took with its waybill.
import { useTranslation } from 'react-i18next';
import { Descriptions, Timeline, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import type { MaterialOutcome } from '../../../../shared/case/intake.ts';
import { originalsToTravel, paperSteps, paperWhere } from '../../../../shared/case/paper-journey.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { regionName } from '../../../../shared/regions.ts';
import { localDateTime } from '../../../../shared/local-time.ts';
import { rpc } from '../../rpc.ts';
import { useLanguage } from '../format.ts';
import { Revealable } from './Parties.tsx';

/** Concluded (approved, approved with documents to follow, refused): there is a result on paper. */
const CONCLUDED = new Set([11, 12, 13]);

export function PaperJourney({ detail, matter }: { detail: CaseDetail; matter: Matter | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { delivery, row } = detail;
  const steps = paperSteps(detail.timeline);
  const originalsNeeded =
    matter !== undefined && originalsToTravel(matter.materials, detail.materials as MaterialOutcome[]).length > 0;
  const where = paperWhere({
    steps,
    originalsNeeded,
    concluded: CONCLUDED.has(row.status),
    delivery: delivery?.method ?? null,
  });
  const reveal = (field: 'delivery.street' | 'delivery.phone', masked: string) => (
    <Revealable
      masked={masked}
      testId={field.replace('.', '-')}
      permission="personal.reveal"
      load={() => rpc('cases.reveal', { caseId: row.caseId, field })}
    />
  );
  const items: DescriptionsProps['items'] = [];
  if (delivery) {
    items.push({
      key: 'method',
      label: t('delivery.title'),
      children: <span data-testid="paper-delivery">{t(`delivery.methods.${delivery.method}`)}</span>,
    });
  }
  if (delivery?.method === 'post') {
    items.push(
      {
        key: 'county',
        label: t('delivery.county'),
        children: delivery.county && regionName(delivery.county, language),
      },
      { key: 'street', label: t('delivery.street'), children: reveal('delivery.street', delivery.street ?? '') },
      { key: 'phone', label: t('delivery.phone'), children: reveal('delivery.phone', delivery.phone ?? '') },
    );
  }
  items.push(
    {
      key: 'originals',
      label: t('delivery.journey.originals'),
      children: <span data-testid="paper-originals">{t(`delivery.journey.originalsWhere.${where.originals}`)}</span>,
    },
    {
      key: 'result',
      label: t('delivery.journey.result'),
      children: <span data-testid="paper-result">{t(`delivery.journey.resultWhere.${where.result}`)}</span>,
    },
  );
  return (
    <div data-testid="paper-journey">
      <Descriptions title={t('delivery.journey.title')} size="small" bordered column={1} items={items} />
      {steps.length > 0 && (
        <Timeline
          style={{ marginTop: 12 }}
          items={steps.map((step) => ({
            key: `${step.type}:${step.at}`,
            content: (
              <>
                <Typography.Text strong>{t(`cases.events.${step.type}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{localDateTime(step.at)}</Typography.Text>
                {step.waybillNo && (
                  <div data-testid="paper-waybill">
                    {t('delivery.journey.waybill', { carrier: step.carrier ?? '', waybillNo: step.waybillNo })}
                  </div>
                )}
              </>
            ),
          }))}
        />
      )}
    </div>
  );
}
