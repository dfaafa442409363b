// 好差评: the applicant rates the service when the case is done.
import { useTranslation } from 'react-i18next';
import { Form, Rate } from 'antd';
import type { EventForm } from '../types.ts';
import { AreaField, field, useRules } from './fields.tsx';
import { chosen, optional } from './values.ts';

type EvaluatedValues = { rating?: number; comment?: string };

function EvaluationFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="rating" label={t('actions.rating')} rules={useRules('rating', 'chosen', 'actions.rating')}>
        <Rate tooltips={[1, 2, 3, 4, 5].map((n) => t(`actions.ratings.${n}`))} data-testid="action-rating" />
      </Form.Item>
      <AreaField name="comment" label="actions.comment" />
    </>
  );
}

export const evaluatedForm: EventForm<'case.evaluated', EvaluatedValues> = {
  type: 'case.evaluated',
  Fields: EvaluationFields,
  required: ['rating'],
  toPayload: (values) => ({ rating: chosen(values.rating), comment: optional(values.comment) }),
  fields: { rating: field('rating', 'actions.rating'), comment: field('comment', 'actions.comment') },
};
