// 补正: the handling place asks for everything missing in one notice, with a
// deadline; the intake window records what the applicant then brought.
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Select, Space } from 'antd';
import type { MATERIAL_FORMS } from '../../../../../shared/catalog/index.ts';
import type { EventForm, FieldsProps } from '../types.ts';
import { AreaField, DateField, field, FileField, MaterialsField, materialOptions, useRules } from './fields.tsx';
import { chosen, optional, trimmed } from './values.ts';

/** The select's value for an item outside the checklist (a form field, say); the payload says null. */
const OTHER_ITEM = '__other';
const PROBLEMS = ['missing', 'incorrect'] as const;

type ItemValues = { materialId?: string; problem?: (typeof PROBLEMS)[number]; note?: string };
type RequestValues = { items?: (ItemValues | undefined)[]; note?: string; deadline?: string };

function CorrectionRequestFields({ matter, language }: FieldsProps) {
  const { t } = useTranslation();
  const materialRules = useRules('items', 'chosen', ITEM_LABELS.materialId);
  const noteRules = useRules('items', 'text', ITEM_LABELS.note);
  const options = [...materialOptions(matter, language), { value: OTHER_ITEM, label: t('actions.otherItem') }];
  return (
    <>
      <Form.List name="items">
        {(items, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <span>{t('actions.items')}</span>
            {items.map((item) => (
              <Space key={item.key} align="start" wrap data-testid="action-item">
                <Form.Item name={[item.name, 'materialId']} rules={materialRules}>
                  <Select style={{ width: 220 }} options={options} data-testid="action-item-material" />
                </Form.Item>
                <Form.Item name={[item.name, 'problem']} initialValue="missing">
                  <Select
                    style={{ width: 130 }}
                    options={PROBLEMS.map((p) => ({ value: p, label: t(`actions.problems.${p}`) }))}
                  />
                </Form.Item>
                <Form.Item name={[item.name, 'note']} rules={noteRules}>
                  <Input placeholder={t('actions.itemNote')} style={{ width: 260 }} data-testid="action-item-note" />
                </Form.Item>
                <Button onClick={() => remove(item.name)}>{t('actions.removeItem')}</Button>
              </Space>
            ))}
            <Button onClick={() => add()} data-testid="action-add-item">
              {t('actions.addItem')}
            </Button>
          </Space>
        )}
      </Form.List>
      <AreaField name="note" label="actions.note" />
      <DateField name="deadline" label="actions.deadline" />
    </>
  );
}

const ITEM_LABELS: Record<keyof ItemValues, string> = {
  materialId: 'actions.items',
  problem: 'actions.problem',
  note: 'actions.itemNote',
};

export const correctionRequestedForm: EventForm<'case.correction_requested', RequestValues> = {
  type: 'case.correction_requested',
  Fields: CorrectionRequestFields,
  required: ['items', 'deadline'],
  initialValues: () => ({ items: [{}] }),
  toPayload: (values) => ({
    items: (values.items ?? []).map((item = {}) => ({
      materialId: item.materialId === OTHER_ITEM ? null : (item.materialId ?? null),
      problem: chosen(item.problem),
      note: trimmed(item.note),
    })),
    note: optional(values.note),
    deadline: String(values.deadline ?? ''),
  }),
  fields: {
    items: ([index, key]) =>
      typeof index === 'number' && typeof key === 'string' && key in ITEM_LABELS
        ? field(['items', index, key], ITEM_LABELS[key as keyof ItemValues])
        : { label: 'actions.items' },
    note: field('note', 'actions.note'),
    deadline: field('deadline', 'actions.deadline'),
  },
};

type SuppliedValues = { materialIds?: string[]; note?: string };
type MaterialForm = (typeof MATERIAL_FORMS)[number];
/** What the window keeps of a material the catalog no longer lists. */
const FALLBACK_FORMS: readonly MaterialForm[] = ['original_kept'];

export const correctionSuppliedForm: EventForm<'case.correction_supplied', SuppliedValues> = {
  type: 'case.correction_supplied',
  Fields: ({ matter, language }: FieldsProps) => (
    <>
      <MaterialsField label="actions.materials" matter={matter} language={language} />
      <FileField label="actions.files" />
      <AreaField name="note" label="actions.note" />
    </>
  ),
  required: [],
  // The schema takes an empty list; the window names what the applicant brought, so the handling place sees it.
  alsoRequired: ['materialIds'],
  attachments: 'files',
  toPayload: (values, { matter, files }) => {
    const ids = values.materialIds ?? [];
    return {
      materials: ids.map((materialId) => ({
        materialId,
        outcome: 'received' as const,
        forms: [...(matter?.materials.find((m) => m.id === materialId)?.acceptedForms ?? FALLBACK_FORMS)],
      })),
      scans: files.map((scan) => ({ ...scan, materialId: ids[0] ?? null })),
      note: optional(values.note),
    };
  },
  fields: {
    materials: field('materialIds', 'actions.materials'),
    scans: { label: 'actions.files' },
    note: field('note', 'actions.note'),
  },
};
