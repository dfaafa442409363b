// The fields the event forms are made of. Whether a field must be filled comes
// from the form's `required` list, handed down by the modal: the same list the
// registry's test holds against the payload schema.
import { createContext, useContext, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, Select, type FormRule } from 'antd';
import type { Matter } from '../../../../../shared/catalog/index.ts';
import type { Language } from '../../../../../shared/languages.ts';
import type { SignatureHandle } from '../../SignatureCanvas.tsx';
import type { FieldName, FieldRef } from '../types.ts';

export interface SignatureSlot {
  canvas: RefObject<SignatureHandle | null>;
  /** A signature pad is configured on this device. */
  padAvailable: boolean;
  padSigned: boolean;
  busy: boolean;
  signOnPad(): void;
}

/** What the modal gives the fields: which must be filled, and the parts that talk to the backend. */
export interface FormFrame {
  required: ReadonlySet<string>;
  chooseFiles(files: FileList | null): void;
  /** The register names no authority for the handling place: the officer types where remedies are sought. */
  authorityMissing: boolean;
  signature: SignatureSlot | null;
}

export const FormFrameContext = createContext<FormFrame>({
  required: new Set(),
  chooseFiles: () => undefined,
  authorityMissing: false,
  signature: null,
});

export const useFormFrame = (): FormFrame => useContext(FormFrameContext);

/**
 * The rules of a field the form requires: text must be more than blanks, a
 * choice must have one. The message names the field by its label (an i18n
 * key), so a form with several empty fields says which is which.
 */
export function useRules(name: string, kind: 'text' | 'chosen', label: string): FormRule[] {
  const { t } = useTranslation();
  const { required } = useFormFrame();
  if (!required.has(name)) return [];
  const message = t('actions.invalid.required', { field: t(label) });
  // No `whitespace` key on a choice at all: with any key beside `required`, the validator checks it as a string.
  if (kind === 'chosen') return [{ required: true, message }];
  return [{ required: true, whitespace: true, message }];
}

export function TextField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={t(label)} rules={useRules(name, 'text', label)}>
      <Input data-testid={`action-${name}`} />
    </Form.Item>
  );
}

/** Several lines of text; `extra` (an i18n key) says how to write them. */
export function AreaField({ name, label, extra }: { name: string; label: string; extra?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={t(label)} extra={extra && t(extra)} rules={useRules(name, 'text', label)}>
      <Input.TextArea rows={3} data-testid={`action-${name}`} />
    </Form.Item>
  );
}

export function DateField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={t(label)} rules={useRules(name, 'text', label)}>
      <Input type="date" data-testid={`action-${name}`} />
    </Form.Item>
  );
}

export function materialOptions(matter: Matter | undefined, language: Language) {
  return (matter?.materials ?? []).map((m) => ({ value: m.id, label: m.names[language] }));
}

/** Materials of the case's checklist, several at once. */
export function MaterialsField({
  label,
  matter,
  language,
}: {
  label: string;
  matter: Matter | undefined;
  language: Language;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item name="materialIds" label={t(label)} rules={useRules('materialIds', 'chosen', label)}>
      <Select mode="multiple" options={materialOptions(matter, language)} data-testid="action-materialIds" />
    </Form.Item>
  );
}

/** Scans or result documents: the modal uploads them when the form is sent. */
export function FileField({ label }: { label: string }) {
  const { t } = useTranslation();
  const { chooseFiles } = useFormFrame();
  return (
    <Form.Item label={t(label)}>
      <input
        type="file"
        multiple
        accept="image/jpeg,image/png,application/pdf"
        onChange={(event) => chooseFiles(event.target.files)}
        data-testid="action-files"
      />
    </Form.Item>
  );
}

/** Issues at a payload key are shown under this field. */
export const field = (name: FieldName, label: string): FieldRef => ({ name, label });
