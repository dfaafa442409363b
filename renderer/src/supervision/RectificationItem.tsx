// One rectification item (差评整改) in a drawer: the rating and the applicant,
// masked (each value revealed by the audited cases.reveal), the two deadlines,
// and the steps its state allows, in order: assign, answer, contact, close.
// The backend refuses a step out of order in words of its own; the screen
// offers only the steps the shared table allows.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { localDateTime } from '../../../shared/local-time.ts';
import {
  APPLICANT_RESPONSES,
  CONTACT_METHODS,
  stepRefusal,
  type Rectification,
  type RectificationStep,
} from '../../../shared/supervision/rectification.ts';
import { Revealable } from '../cases/detail/Parties.tsx';
import { useLanguage } from '../cases/format.ts';
import { rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { useSubmit } from '../use-submit.ts';

type Staff = { userId: string; displayName: string };

/** The item's state as a tag, red while overdue. */
export function RectificationState({ item }: { item: Rectification }) {
  const { t } = useTranslation();
  const color = item.state === 'closed' ? 'green' : item.overdue ? 'red' : item.state === 'open' ? 'orange' : 'blue';
  return (
    <Tag color={color} data-testid="rectification-state" data-state={item.state}>
      {t(`rectification.states.${item.state}`)}
    </Tag>
  );
}

/** A step's form: shown while the state allows the step, its refusal shown under it. */
function StepForm<V>({
  step,
  item,
  done,
  call,
  children,
}: {
  step: RectificationStep;
  item: Rectification;
  done(item: Rectification): void;
  call(values: V): Promise<Rectification>;
  children(busy: boolean): ReactNode;
}) {
  const { busy, error, submit } = useSubmit(call, done);
  const { can } = useSession();
  if (!can('supervision.close') || stepRefusal(step, item.state) !== null) return null;
  return (
    <Form<V> layout="vertical" onFinish={(values) => void submit(values)} data-testid={`rectification-${step}-form`}>
      {children(busy)}
      {error && <Alert type="error" showIcon title={error} data-testid={`rectification-${step}-error`} />}
    </Form>
  );
}

export function RectificationItem({
  item,
  staff,
  matters,
  onClose,
  onChanged,
}: {
  item: Rectification | null;
  staff: readonly Staff[];
  matters: ReadonlyMap<string, Matter>;
  onClose(): void;
  onChanged(item: Rectification): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [contactedAt, setContactedAt] = useState<Dayjs>(() => dayjs());
  if (!item) return null;
  const key = { caseId: item.caseId, eventId: item.eventId };
  const date = (day: string) => (item.provisional ? `${day} ${t('rectification.provisional')}` : day);

  return (
    <Drawer
      open
      size={560}
      title={t('rectification.item.title', { caseNo: item.caseNo })}
      onClose={onClose}
      data-testid="rectification-item"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'matter',
              label: t('rectification.columns.matter'),
              children: matters.get(item.matterId)?.names[language] ?? item.matterId,
            },
            {
              key: 'rating',
              label: t('rectification.columns.rating'),
              children: t(`rectification.ratings.${item.rating}`),
            },
            { key: 'ratedAt', label: t('rectification.columns.ratedAt'), children: localDateTime(item.ratedAt) },
            {
              key: 'reason',
              label: t('rectification.columns.reason'),
              children: <span data-testid="rectification-reason">{item.reason ?? '—'}</span>,
            },
            {
              key: 'applicant',
              label: t('rectification.item.applicant'),
              children: (
                <Revealable
                  masked={item.applicantName}
                  testId="rectification-applicant-name"
                  permission="personal.reveal"
                  load={() => rpc('cases.reveal', { caseId: item.caseId, field: 'applicant.name' })}
                />
              ),
            },
            {
              key: 'phone',
              label: t('rectification.item.phone'),
              children: item.applicantPhone ? (
                <Revealable
                  masked={item.applicantPhone}
                  testId="rectification-applicant-phone"
                  permission="personal.reveal"
                  load={() => rpc('cases.reveal', { caseId: item.caseId, field: 'applicant.phone' })}
                />
              ) : (
                '—'
              ),
            },
            { key: 'contactBy', label: t('rectification.item.contactBy'), children: date(item.contactBy) },
            {
              key: 'rectifyBy',
              label: t('rectification.item.rectifyBy'),
              children: (
                <Space size={4}>
                  {date(item.rectifyBy)}
                  {item.overdue && <Tag color="red">{t('rectification.overdue')}</Tag>}
                </Space>
              ),
            },
            { key: 'state', label: t('rectification.columns.state'), children: <RectificationState item={item} /> },
            ...(item.assignee
              ? [{ key: 'assignee', label: t('rectification.item.assignee'), children: item.assignee.displayName }]
              : []),
            ...(item.answer
              ? [
                  { key: 'findings', label: t('rectification.item.findings'), children: item.answer.findings },
                  { key: 'actions', label: t('rectification.item.actions'), children: item.answer.actions },
                ]
              : []),
            ...(item.contact
              ? [
                  {
                    key: 'contact',
                    label: t('rectification.item.contactedAt'),
                    children: `${localDateTime(item.contact.at)} · ${t(`rectification.item.methods.${item.contact.method}`)} · ${t(`rectification.item.responses.${item.contact.response}`)}${item.contact.note ? ` · ${item.contact.note}` : ''}`,
                  },
                ]
              : []),
            ...(item.closedAt
              ? [
                  {
                    key: 'closed',
                    label: t('rectification.states.closed'),
                    children: t('rectification.item.closed', {
                      user: item.closedBy ?? '—',
                      at: localDateTime(item.closedAt),
                    }),
                  },
                ]
              : []),
          ]}
          data-testid="rectification-facts"
        />

        <StepForm<{ assigneeUserId: string }>
          step="assign"
          item={item}
          done={onChanged}
          call={(values) => rpc('rectifications.assign', { ...key, ...values })}
        >
          {(busy) => (
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="assigneeUserId"
                noStyle
                rules={[{ required: true, message: t('rectification.item.assignee') }]}
                initialValue={item.assignee?.userId}
              >
                <Select
                  style={{ width: '100%' }}
                  placeholder={t('rectification.item.assignee')}
                  aria-label={t('rectification.item.assignee')}
                  options={staff.map((s) => ({ value: s.userId, label: s.displayName }))}
                  data-testid="rectification-assignee"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="rectification-assign">
                {t('rectification.item.assign')}
              </Button>
            </Space.Compact>
          )}
        </StepForm>

        <StepForm<{ findings: string; actions: string }>
          step="answer"
          item={item}
          done={onChanged}
          call={(values) => rpc('rectifications.answer', { ...key, ...values })}
        >
          {(busy) => (
            <>
              <Form.Item
                name="findings"
                label={t('rectification.item.findings')}
                rules={[{ required: true, whitespace: true, max: 1000 }]}
                initialValue={item.answer?.findings}
              >
                <Input.TextArea rows={3} data-testid="rectification-findings" />
              </Form.Item>
              <Form.Item
                name="actions"
                label={t('rectification.item.actions')}
                rules={[{ required: true, whitespace: true, max: 1000 }]}
                initialValue={item.answer?.actions}
              >
                <Input.TextArea rows={3} data-testid="rectification-actions" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="rectification-answer">
                {t('rectification.item.answer')}
              </Button>
            </>
          )}
        </StepForm>

        <StepForm<{ method: string; response: string; note?: string }>
          step="contact"
          item={item}
          done={onChanged}
          call={(values) =>
            rpc('rectifications.contact', {
              ...key,
              contactedAt: contactedAt.toISOString(),
              method: values.method as (typeof CONTACT_METHODS)[number],
              response: values.response as (typeof APPLICANT_RESPONSES)[number],
              ...(values.note?.trim() ? { note: values.note } : {}),
            })
          }
        >
          {(busy) => (
            <>
              <Form.Item label={t('rectification.item.contactedAt')} required>
                <DatePicker
                  showTime
                  value={contactedAt}
                  onChange={(value) => value && setContactedAt(value)}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  aria-label={t('rectification.item.contactedAt')}
                  data-testid="rectification-contacted-at"
                />
              </Form.Item>
              <Form.Item name="method" label={t('rectification.item.method')} rules={[{ required: true }]}>
                <Radio.Group
                  options={CONTACT_METHODS.map((m) => ({ value: m, label: t(`rectification.item.methods.${m}`) }))}
                  data-testid="rectification-method"
                />
              </Form.Item>
              <Form.Item name="response" label={t('rectification.item.response')} rules={[{ required: true }]}>
                <Radio.Group
                  options={APPLICANT_RESPONSES.map((r) => ({
                    value: r,
                    label: t(`rectification.item.responses.${r}`),
                  }))}
                  data-testid="rectification-response"
                />
              </Form.Item>
              <Form.Item name="note" label={t('rectification.item.note')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} data-testid="rectification-note" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="rectification-contact">
                {t('rectification.item.contact')}
              </Button>
            </>
          )}
        </StepForm>

        <StepForm<object> step="close" item={item} done={onChanged} call={() => rpc('rectifications.close', key)}>
          {(busy) => (
            <Form.Item noStyle shouldUpdate>
              {(form) => (
                <Popconfirm title={t('rectification.item.closeConfirm')} onConfirm={() => form.submit()}>
                  <Button type="primary" danger loading={busy} data-testid="rectification-close">
                    {t('rectification.item.close')}
                  </Button>
                </Popconfirm>
              )}
            </Form.Item>
          )}
        </StepForm>
      </Space>
    </Drawer>
  );
}
