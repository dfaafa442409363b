// 业务协同留言: a line between the intake clerk and the handling officer,
// typed in the notes box of the case rather than in a modal.
import { useTranslation } from 'react-i18next';
import { Form, Input } from 'antd';
import type { EventForm } from '../types.ts';
import { field } from './fields.tsx';
import { trimmed } from './values.ts';

type NoteValues = { text?: string };

/** The notes box's input: Enter sends, as the box's button does. */
function NoteFields() {
  const { t } = useTranslation();
  return (
    <Form.Item name="text" noStyle>
      <Input maxLength={2000} placeholder={t('actions.notePlaceholder')} data-testid="case-note-input" />
    </Form.Item>
  );
}

export const noteAddedForm: EventForm<'case.note_added', NoteValues> = {
  type: 'case.note_added',
  Fields: NoteFields,
  required: ['text'],
  toPayload: (values) => ({ text: trimmed(values.text) }),
  fields: { text: field('text', 'actions.notes') },
};
