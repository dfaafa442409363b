// What may be recorded on the case next, as the state machine offers it: a
// button each, opening that event's form. Closing the form gives focus back
// to the button that opened it; where the case has moved on and that action
// is no longer offered, to this list of what may be done next.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space, Typography } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { ActionModal } from '../events/ActionModal.tsx';
import { EVENT_VIEWS, isRecordable } from '../events/registry.ts';
import type { RecordableEventType } from '../events/types.ts';

/** Focus fell to the page itself, where no key does anything. */
const focusLost = (): boolean => document.activeElement === null || document.activeElement === document.body;

export function NextActions({ detail, matter }: { detail: CaseDetail; matter: Matter | undefined }) {
  const { t } = useTranslation();
  const [acting, setActing] = useState<RecordableEventType | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const section = useRef<HTMLElement>(null);
  // Notes have their own box.
  const actions = detail.nextActions.filter(isRecordable).filter((action) => action !== 'case.note_added');

  const open = (action: RecordableEventType, event: MouseEvent<HTMLElement>): void => {
    opener.current = event.currentTarget;
    setActing(action);
  };
  // After the form closes, and again when the case reloads (a recorded action takes its button away).
  useEffect(() => {
    if (acting !== null || opener.current === null || !focusLost()) return;
    (opener.current.isConnected ? opener.current : section.current)?.focus();
  }, [acting, detail]);

  return (
    <>
      <section data-testid="case-next-actions" ref={section} tabIndex={-1} style={{ outline: 'none' }}>
        <Typography.Title level={5}>{t('cases.detail.nextActions')}</Typography.Title>
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('cases.detail.noNextActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((action) => (
              <Button key={action} onClick={(event) => open(action, event)} data-testid={`action-${action}`}>
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
