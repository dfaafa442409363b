// Above every step of the wizard: the queue ticket (Alt+Q; a barcode reader
// types it and Enter, which gives the keyboard back to the step), the time
// printed on it, and the applicant's acknowledgement of the privacy notice
// (Alt+P). Entering the ticket starts the intake's serving time.
import { useEffect, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Checkbox, Input, Space, Typography, type InputRef } from 'antd';
import { PRIVACY_NOTICE_VERSION } from '../../../shared/case/privacy-notice.ts';
import { normaliseQueueTicket } from '../../../shared/case/queue-ticket.ts';
import type { Language } from '../../../shared/languages.ts';
import { formatTime } from '../notices/print.tsx';
import { rpc } from '../rpc.ts';
import { ticketTakenAt, withPrivacyToggled, withStarted } from './queue-privacy-state.ts';
import type { StepProps } from './wizard-state.ts';

export function QueuePrivacyBar({
  state,
  update,
  ticketRef,
  onTicketDone,
}: Omit<StepProps, 'matter'> & { ticketRef: Ref<InputRef>; onTicketDone(): void }) {
  const { t, i18n } = useTranslation();
  const [configured, setConfigured] = useState(true);
  useEffect(() => {
    let live = true;
    // Only a warning ahead of time: if it cannot be read, the submission's own refusal says the same.
    rpc('privacy.settings', {}).then(
      (settings) => live && setConfigured(settings !== null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const timeBad = ticketTakenAt(state.ticketTime) === undefined;
  // Enter ends a scan (or a typed ticket): the keyboard goes back to the step, not on to the next one.
  const onTicketKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || e.altKey || e.ctrlKey) return;
    e.preventDefault();
    e.stopPropagation();
    onTicketDone();
  };
  return (
    <div data-testid="queue-privacy-bar" style={{ margin: '0 0 12px' }}>
      {!configured && (
        <Alert
          type="warning"
          showIcon
          title={t('queuePrivacy.ack.notConfigured')}
          style={{ marginBottom: 8 }}
          data-testid="privacy-not-configured"
        />
      )}
      <Space wrap align="center">
        <Typography.Text>{t('queuePrivacy.ticket.label')} (Alt+Q)</Typography.Text>
        <Input
          ref={ticketRef}
          value={state.queueTicket ?? ''}
          placeholder={t('queuePrivacy.ticket.placeholder')}
          maxLength={20}
          style={{ width: 170 }}
          onChange={(e) => {
            const queueTicket = normaliseQueueTicket(e.target.value);
            update((s) => (queueTicket ? withStarted({ ...s, queueTicket }) : { ...s, queueTicket }));
          }}
          onKeyDown={onTicketKey}
          aria-label={t('queuePrivacy.ticket.label')}
          data-testid="queue-ticket"
        />
        <Typography.Text>{t('queuePrivacy.ticket.takenAt')}</Typography.Text>
        <Input
          value={state.ticketTime ?? ''}
          placeholder="hh:mm"
          maxLength={5}
          style={{ width: 80 }}
          status={timeBad ? 'error' : undefined}
          title={t('queuePrivacy.ticket.takenAtHint')}
          onChange={(e) => update((s) => ({ ...s, ticketTime: e.target.value }))}
          onKeyDown={onTicketKey}
          aria-label={t('queuePrivacy.ticket.takenAt')}
          data-testid="queue-ticket-time"
        />
        <Checkbox
          checked={Boolean(state.privacyAcknowledgedAt)}
          onChange={() => update(withPrivacyToggled)}
          data-testid="privacy-ack"
        >
          {t('queuePrivacy.ack.label', { version: PRIVACY_NOTICE_VERSION })} (Alt+P)
        </Checkbox>
        {state.privacyAcknowledgedAt && (
          <Typography.Text type="secondary" data-testid="privacy-ack-time">
            {t('queuePrivacy.ack.recordedAt', {
              time: formatTime(state.privacyAcknowledgedAt, i18n.language as Language),
            })}
          </Typography.Text>
        )}
      </Space>
      {timeBad && (
        <Typography.Text type="danger" style={{ display: 'block' }} data-testid="queue-ticket-time-error">
          {t('queuePrivacy.ticket.badTime')}
        </Typography.Text>
      )}
    </div>
  );
}
