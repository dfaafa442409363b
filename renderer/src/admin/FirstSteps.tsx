// Where the administrator lands: the first steps that make a new device ready
// for the window's staff, each marked done or not from the device's own state,
// each with a button that leads to where it is done. The focus starts on the
// first step still open.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Spin, Tag, Typography } from 'antd';
import { describeError, rpc } from '../rpc.ts';
import { FIRST_STEP_PLACE, FIRST_STEPS, firstStepsDone, type FirstStep, type Place } from './first-steps.ts';

const ROW = {
  display: 'flex',
  alignItems: 'center',
  gap: 16,
  padding: '12px 0',
  borderBottom: '1px solid #f0f0f0',
} as const;

async function loadDone(): Promise<Record<FirstStep, boolean>> {
  const [users, remotes, calendarYears, privacy, backup] = await Promise.all([
    rpc('users.list', {}),
    rpc('sync.status', {}),
    rpc('calendar.list', {}),
    rpc('privacy.settings', {}),
    rpc('backup.status', {}),
  ]);
  return firstStepsDone({
    users,
    remotes,
    calendarYears,
    privacyConfigured: privacy !== null,
    backupConfigured: backup.configured,
    today: new Date(),
  });
}

export function FirstSteps({ onGo }: { onGo(place: Place): void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<Record<FirstStep, boolean> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const buttons = useRef(new Map<FirstStep, HTMLElement>());

  useEffect(() => {
    loadDone().then(setDone, (e: unknown) => setError(describeError(e, t)));
  }, [t]);

  useEffect(() => {
    if (!done) return;
    const next = FIRST_STEPS.find((step) => !done[step]) ?? FIRST_STEPS[0];
    buttons.current.get(next)?.focus();
  }, [done]);

  const count = done ? FIRST_STEPS.filter((step) => done[step]).length : 0;
  return (
    <Card
      title={t('firstSteps.title')}
      extra={
        done && (
          <span data-testid="first-steps-progress">
            {t('firstSteps.progress', { done: count, total: FIRST_STEPS.length })}
          </span>
        )
      }
      style={{ maxWidth: 760 }}
      data-testid="workspace-start"
    >
      <Typography.Paragraph type="secondary">{t('firstSteps.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {!done && !error && <Spin />}
      {done && (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {FIRST_STEPS.map((step) => (
            <li key={step} style={ROW} data-testid={`first-step-${step}`} data-done={done[step]}>
              {done[step] ? (
                <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
              ) : (
                <ClockCircleOutlined style={{ color: '#faad14', fontSize: 20 }} />
              )}
              <div style={{ flex: 1 }}>
                <Typography.Text strong>{t(`firstSteps.${step}.title`)}</Typography.Text>{' '}
                <Tag color={done[step] ? 'green' : 'orange'}>
                  {done[step] ? t('firstSteps.done') : t('firstSteps.todo')}
                </Tag>
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t(`firstSteps.${step}.detail`)}
                </Typography.Paragraph>
              </div>
              <Button
                type={done[step] ? 'default' : 'primary'}
                ref={(button) => {
                  if (button) buttons.current.set(step, button);
                  else buttons.current.delete(step);
                }}
                onClick={() => onGo(FIRST_STEP_PLACE[step])}
                data-testid={`first-step-go-${step}`}
              >
                {t(`firstSteps.${step}.go`)}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
