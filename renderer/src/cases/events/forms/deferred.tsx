// 容缺补交: a material deferred at intake, brought in later at the intake
// window; its scan goes through the same upload as any other of the form.
import { useTranslation } from 'react-i18next';
import { Form, Select } from 'antd';
import type { MATERIAL_FORMS } from '../../../../../shared/catalog/index.ts';
import type { EventForm, FieldsProps } from '../types.ts';
import { AreaField, field, FileField, useRules } from './fields.tsx';
import { chosen, optional } from './values.ts';

type MaterialForm = (typeof MATERIAL_FORMS)[number];
type ReceivedValues = { materialId?: string; note?: string };
/** What the window keeps of a material the catalog no longer lists. */
const FALLBACK_FORMS: readonly MaterialForm[] = ['original_kept'];

/** The materials the case still owes, by name, with the day promised. */
function DeferredReceivedFields({ detail, matter, language }: FieldsProps) {
  const { t } = useTranslation();
  const rules = useRules('materialId', 'chosen', 'commitments.form.material');
  const due = new Map(detail.commitments.map((c) => [c.materialId, c.dueDate]));
  const owed = detail.materials.flatMap((m) =>
    m.outcome === 'deferred' && typeof m.materialId === 'string' ? [m.materialId] : [],
  );
  const options = owed.map((id) => {
    const name = matter?.materials.find((m) => m.id === id)?.names[language] ?? id;
    const day = due.get(id);
    return { value: id, label: day ? `${name}（${t('commitments.dueDate')} ${day}）` : name };
  });
  return (
    <>
      <Form.Item
        name="materialId"
        label={t('commitments.form.material')}
        rules={rules}
        // One owed material: it is the one brought in.
        initialValue={owed.length === 1 ? owed[0] : undefined}
      >
        <Select options={options} data-testid="action-materialId" />
      </Form.Item>
      <FileField label="commitments.form.files" />
      <AreaField name="note" label="actions.note" />
    </>
  );
}

export const deferredMaterialReceivedForm: EventForm<'case.deferred_material_received', ReceivedValues> = {
  type: 'case.deferred_material_received',
  Fields: DeferredReceivedFields,
  required: ['materialId'],
  attachments: 'files',
  toPayload: (values, { matter, files }) => {
    const materialId = chosen(values.materialId);
    return {
      materialId,
      forms: [...(matter?.materials.find((m) => m.id === materialId)?.acceptedForms ?? FALLBACK_FORMS)],
      scans: files.map((scan) => ({ ...scan, materialId: materialId ?? null })),
      note: optional(values.note),
    };
  },
  fields: {
    materialId: field('materialId', 'commitments.form.material'),
    forms: { label: 'commitments.form.material' },
    scans: { label: 'commitments.form.files' },
    note: field('note', 'actions.note'),
  },
};
