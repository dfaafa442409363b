import { useTranslation } from 'react-i18next';
import { Checkbox, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { waiverAllowed } from '../../../shared/case/intake.ts';
import type { Material, Matter } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import { localDay } from '../../../shared/local-time.ts';
import { noticeItemsFromCheck } from '../../../shared/paperwork/one-time-notice.ts';
import { NoticeFromCheckButton } from '../notices/OneTimeNotice.tsx';
import type { MaterialForm, MaterialState, Outcome, StepProps } from './wizard-state.ts';

/** The form answer that rules out a waiver the material otherwise allows (a senior title), if any. */
function waiverRuledOutBy(
  matter: Matter,
  material: Material,
  formData: Record<string, string>,
  language: Language,
): { field: string; value: string } | null {
  const when = material.waivableWhen;
  if (!when || !material.waivableByOnlineVerification || waiverAllowed(material, formData)) return null;
  const field = matter.formFields.find((f) => f.id === when.field);
  const value = formData[when.field] ?? '';
  // Nothing chosen yet: there is no answer to name, and the applicant step asks for it.
  if (!field || value === '') return null;
  const option = field.options?.find((o) => o.value === value);
  return { field: field.label[language], value: option?.label[language] ?? value };
}

/** Tab moves between materials; arrow keys choose an outcome; Space ticks a form. */
export function MaterialsStep({ matter, state, update }: StepProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const set = (id: string, change: Partial<MaterialState>): void =>
    update((s) => ({ ...s, materials: { ...s.materials, [id]: { ...s.materials[id]!, ...change } } }));

  return (
    <Table
      rowKey="id"
      pagination={false}
      size="small"
      dataSource={matter.materials}
      data-testid="materials-table"
      // 一次性告知: the applicant lacks something; everything missing is listed at once.
      footer={() => (
        <NoticeFromCheckButton
          start={() => ({
            matterId: matter.id,
            items: noticeItemsFromCheck(
              matter,
              Object.fromEntries(Object.entries(state.materials).map(([id, m]) => [id, m.outcome])),
            ),
            language: state.language,
          })}
        />
      )}
      columns={[
        {
          title: t('intake.reviewMaterials'),
          width: '34%',
          render: (_, material) => (
            <Space orientation="vertical" size={2}>
              <Typography.Text strong>{material.names[language]}</Typography.Text>
              <Space size={4} wrap>
                <Tag color={material.requirement === 'required' ? 'red' : undefined}>
                  {t(`intake.requirement.${material.requirement}`)}
                </Tag>
                {material.originalMustBeMailed && <Tag color="orange">{t('intake.originalMustBeMailed')}</Tag>}
              </Space>
              {material.condition && <Typography.Text type="secondary">{material.condition[language]}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: '',
          render: (_, material) => {
            const current = state.materials[material.id];
            if (!current) return null;
            const ruledOut = waiverRuledOutBy(matter, material, state.formData, language);
            const outcomes: Outcome[] = [
              'received',
              ...(waiverAllowed(material, state.formData) ? (['waived'] as const) : []),
              ...(material.deferrable ? (['deferred'] as const) : []),
              'not_provided',
            ];
            return (
              <Space orientation="vertical" size={4} data-testid={`material-${material.id}`}>
                <Radio.Group
                  value={current.outcome}
                  onChange={(e) => set(material.id, { outcome: e.target.value as Outcome })}
                  options={outcomes.map((o) => ({ value: o, label: t(`intake.outcome.${o}`) }))}
                />
                {ruledOut && (
                  <Typography.Text type="warning" data-testid={`material-${material.id}-no-waiver`}>
                    {t('intake.waiverNotAllowed', ruledOut)}
                  </Typography.Text>
                )}
                {current.outcome === 'received' && (
                  <Checkbox.Group<MaterialForm>
                    value={current.forms}
                    onChange={(forms) => set(material.id, { forms })}
                    options={material.acceptedForms.map((f) => ({ value: f, label: t(`intake.forms.${f}`) }))}
                  />
                )}
                {current.outcome === 'deferred' && (
                  <Space size={4} wrap>
                    <Typography.Text>{t('commitments.dueDate')}</Typography.Text>
                    <Input
                      type="date"
                      min={localDay(new Date())}
                      value={current.dueDate ?? ''}
                      title={t('commitments.dueDateHint')}
                      onChange={(e) => set(material.id, { dueDate: e.target.value })}
                      style={{ width: 170 }}
                      data-testid={`material-${material.id}-due`}
                    />
                  </Space>
                )}
                {current.outcome === 'waived' && (
                  <Input
                    placeholder={t('intake.verificationRef')}
                    value={current.verificationRef}
                    maxLength={100}
                    onChange={(e) => set(material.id, { verificationRef: e.target.value })}
                    data-testid={`material-${material.id}-ref`}
                  />
                )}
              </Space>
            );
          },
        },
      ]}
    />
  );
}
