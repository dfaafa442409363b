// What may be recorded on the case next, as the state machine offers it: a
// button each, opening that event's form.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space, Typography } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { ActionModal } from '../events/ActionModal.tsx';
import { EVENT_VIEWS, isRecordable } from '../events/registry.ts';
import type { RecordableEventType } from '../events/types.ts';

export function NextActions({ detail, matter }: { detail: CaseDetail; matter: Matter | undefined }) {
  const { t } = useTranslation();
  const [acting, setActing] = useState<RecordableEventType | null>(null);
  // Notes have their own box.
  const actions = detail.nextActions.filter(isRecordable).filter((action) => action !== 'case.note_added');
  return (
    <>
      <section data-testid="case-next-actions">
        <Typography.Title level={5}>{t('cases.detail.nextActions')}</Typography.Title>
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('cases.detail.noNextActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((action) => (
              <Button key={action} onClick={() => setActing(action)} data-testid={`action-${action}`}>
                {t(EVENT_VIEWS[action].label)}
              </Button>
            ))}
          </Space>
        )}
      </section>
      {acting && <ActionModal detail={detail} type={acting} matter={matter} onClose={() => setActing(null)} />}
    </>
  );
}
