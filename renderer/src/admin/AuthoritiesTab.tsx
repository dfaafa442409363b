// The register of authorities (办理机关) that issue and seal the notices, per
// region and category of matter, with where their refusals are challenged.
// Every control is a button, field or select: Tab, Enter and the arrows do it all.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
  message,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  authoritySchema,
  MATTER_CATEGORIES,
  type Authority,
  type LocalizedText,
} from '../../../shared/catalog/index.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { regionName } from '../../../shared/regions.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSubmit } from '../use-submit.ts';
import { importText, JsonFileButton } from './json-file.tsx';

const MAX_FILE_CHARS = 5_000_000; // the contract's limit for authorities.import

type Dialog = { kind: 'add' } | { kind: 'edit'; authority: Authority };

export function AuthoritiesTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [toast, toastHolder] = message.useMessage();
  const [register, setRegister] = useState<Authority[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const load = useCallback(
    () => rpc('authorities.list', {}).then(setRegister, (e: unknown) => setError(describeError(e, t))),
    [t],
  );
  useEffect(() => void load(), [load]);

  const done = (text: string): void => {
    setDialog(null);
    setError(null);
    void toast.success(text);
    void load();
  };

  const remove = async (authority: Authority): Promise<void> => {
    try {
      await rpc('authorities.remove', { region: authority.region, category: authority.category });
      done(t('admin.authorities.removed'));
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  const importFile = (file: File): Promise<void> =>
    importText(
      file,
      {
        readFailed: t('admin.authorities.readFailed'),
        problem: (fileText) => (fileText.length > MAX_FILE_CHARS ? t('admin.authorities.tooLarge') : null),
        send: async (fileText) => {
          const { count } = await rpc('authorities.import', { fileText });
          done(t('admin.authorities.imported', { count }));
        },
      },
      { setBusy, setError, describe: (e) => describeError(e, t) },
    );

  const columns: TableColumnsType<Authority> = [
    { title: t('admin.authorities.region'), width: 200, render: (_, a) => regionName(a.region, language) },
    {
      title: t('admin.authorities.category'),
      width: 160,
      render: (_, a) => t(`admin.authorities.categories.${a.category}`),
    },
    { title: t('admin.authorities.name'), render: (_, a) => a.names[language] },
    { title: t('admin.authorities.sealName'), dataIndex: 'sealName' },
    { title: t('admin.authorities.reconsiderationBody'), render: (_, a) => a.reconsiderationBody?.[language] ?? '—' },
    { title: t('admin.authorities.court'), render: (_, a) => a.court[language] },
    {
      title: t('admin.authorities.actions'),
      width: 160,
      render: (_, authority) => {
        const key = `${authority.region}-${authority.category}`;
        return (
          <Space>
            <Button
              size="small"
              onClick={() => setDialog({ kind: 'edit', authority })}
              data-testid={`authority-edit-${key}`}
            >
              {t('admin.authorities.edit')}
            </Button>
            <Popconfirm
              title={t('admin.authorities.removeConfirm', { region: regionName(authority.region, language) })}
              onConfirm={() => void remove(authority)}
              okButtonProps={{ 'data-testid': 'authority-remove-confirm' } as never}
            >
              <Button size="small" danger data-testid={`authority-remove-${key}`}>
                {t('admin.authorities.remove')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {toastHolder}
      <Typography.Paragraph type="secondary">{t('admin.authorities.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="authorities-error" />}
      <Space>
        <Button type="primary" onClick={() => setDialog({ kind: 'add' })} data-testid="authority-add">
          {t('admin.authorities.add')}
        </Button>
        <JsonFileButton name="authorities" label={t('admin.authorities.import')} busy={busy} onFile={importFile} />
        <Typography.Text type="secondary">{t('admin.authorities.importHint')}</Typography.Text>
      </Space>
      <Table<Authority>
        rowKey={(a) => `${a.region}/${a.category}`}
        size="small"
        columns={columns}
        dataSource={register}
        pagination={false}
        onRow={(a) => ({ 'data-testid': `authority-row-${a.region}-${a.category}` }) as never}
        data-testid="authorities-table"
      />
      {dialog && (
        <AuthorityDialog
          initial={dialog.kind === 'edit' ? dialog.authority : null}
          onClose={() => setDialog(null)}
          onDone={() => done(t('admin.authorities.saved'))}
        />
      )}
    </Space>
  );
}

/** The form's flat values: one field per language of each localized name. */
type FormValues = Record<string, string | boolean | undefined>;

const textFields = ['names', 'reconsiderationBody', 'court'] as const;
const fieldName = (field: string, language: string): string => `${field}.${language}`;

function toForm(authority: Authority | null): FormValues {
  if (!authority) return { noReconsideration: false };
  const values: FormValues = {
    region: authority.region,
    category: authority.category,
    sealName: authority.sealName,
    noReconsideration: authority.reconsiderationBody === null,
  };
  for (const field of textFields)
    for (const language of LANGUAGES) values[fieldName(field, language)] = authority[field]?.[language];
  return values;
}

function fromForm(values: FormValues): unknown {
  const localized = (field: string): LocalizedText =>
    Object.fromEntries(
      LANGUAGES.map((language) => [language, String(values[fieldName(field, language)] ?? '').trim()]),
    ) as LocalizedText;
  return {
    region: String(values.region ?? '').trim(),
    category: values.category,
    names: localized('names'),
    sealName: String(values.sealName ?? '').trim(),
    reconsiderationBody: values.noReconsideration ? null : localized('reconsiderationBody'),
    court: localized('court'),
  };
}

function AuthorityDialog({ initial, onClose, onDone }: { initial: Authority | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const noReconsideration = Form.useWatch('noReconsideration', form) === true;
  // The shared schema checks the whole entry here as the backend will; the backend checks it again.
  const { busy, error, submit } = useSubmit<FormValues, Authority>(
    (values) => rpc('authorities.save', authoritySchema.parse(fromForm(values))),
    onDone,
  );
  const required = [{ required: true, whitespace: true, message: t('actions.required') }];
  const localized = (field: (typeof textFields)[number], label: string, rules = required) => (
    <Form.Item label={label} required={rules.length > 0} style={{ marginBottom: 0 }}>
      <Space wrap>
        {LANGUAGES.map((language) => (
          <Form.Item key={language} name={fieldName(field, language)} rules={rules}>
            <Input
              prefix={
                <Typography.Text type="secondary">{t(`admin.authorities.languages.${language}`)}</Typography.Text>
              }
              aria-label={`${label} · ${t(`admin.authorities.languages.${language}`)}`}
              style={{ width: 300 }}
              data-testid={`authority-${field}-${language}`}
            />
          </Form.Item>
        ))}
      </Space>
    </Form.Item>
  );
  return (
    <Modal
      open
      width={720}
      title={initial ? t('admin.authorities.edit') : t('admin.authorities.add')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="authority-error" />
      )}
      {/* Buttons inside the form, so Enter in any field submits it. */}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} disabled={busy} initialValues={toForm(initial)}>
        <Space wrap>
          <Form.Item
            name="region"
            label={t('admin.authorities.region')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.regionCodeInvalid') }]}
          >
            <Input autoFocus disabled={initial !== null} style={{ width: 160 }} data-testid="authority-region" />
          </Form.Item>
          <Form.Item name="category" label={t('admin.authorities.category')} rules={[{ required: true }]}>
            <Select
              disabled={initial !== null}
              style={{ width: 260 }}
              options={MATTER_CATEGORIES.map((category) => ({
                value: category,
                label: t(`admin.authorities.categories.${category}`),
              }))}
              data-testid="authority-category"
            />
          </Form.Item>
        </Space>
        {localized('names', t('admin.authorities.name'))}
        <Form.Item name="sealName" label={t('admin.authorities.sealName')} rules={required}>
          <Input data-testid="authority-sealName" />
        </Form.Item>
        <Form.Item name="noReconsideration" valuePropName="checked">
          <Checkbox data-testid="authority-noReconsideration">{t('admin.authorities.noReconsideration')}</Checkbox>
        </Form.Item>
        {!noReconsideration && localized('reconsiderationBody', t('admin.authorities.reconsiderationBody'))}
        {localized('court', t('admin.authorities.court'))}
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('admin.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="authority-save">
            {t('admin.save')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
