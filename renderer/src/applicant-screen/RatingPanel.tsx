// 好差评 after the submission: the national five levels, a reason required for
// 不满意 and 非常不满意 (the backend checks the same rule, shared/case/rating.ts).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Input, Radio, Space, Typography } from 'antd';
import { RATING_LEVELS, RATING_REASON_MAX, reasonRequired } from '../../../shared/case/rating.ts';
import { call } from '../../../shared/rpc/client.ts';
import type { ApplicantView } from '../../../shared/rpc/methods/applicant-screen.ts';
import { api } from '../backend.ts';
import type { Act } from './ApplicantSections.tsx';

export function RatingPanel({ view, act }: { view: ApplicantView; act: Act }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const needsReason = rating !== null && reasonRequired(rating);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        title={t('applicantScreen.page.submitted', { caseNo: view.caseNo ?? '' })}
        data-testid="applicant-submitted"
      />
      {view.rating !== null ? (
        <Typography.Title level={3} data-testid="applicant-thanks">
          {t('applicantScreen.page.thanks')}
        </Typography.Title>
      ) : (
        <Card title={t('applicantScreen.page.rateTitle')}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Radio.Group
              value={rating}
              onChange={(e) => setRating(e.target.value as number)}
              optionType="button"
              buttonStyle="solid"
              size="large"
              data-testid="applicant-rating"
            >
              {RATING_LEVELS.map((level) => (
                <Radio.Button key={level} value={level}>
                  {t(`actions.ratings.${level}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={RATING_REASON_MAX}
              rows={3}
              placeholder={t(needsReason ? 'applicantScreen.page.reason' : 'applicantScreen.page.reasonOptional')}
              data-testid="applicant-rating-reason"
            />
            <Button
              type="primary"
              size="large"
              disabled={rating === null}
              onClick={() =>
                rating !== null &&
                void act(() => call(api, 'applicantScreen.rate', reason.trim() ? { rating, reason } : { rating }))
              }
              data-testid="applicant-send-rating"
            >
              {t('applicantScreen.page.sendRating')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
