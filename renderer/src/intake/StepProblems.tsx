// What keeps a step from being left, or the intake from being submitted, in
// words: the backend's own reasons, naming the material or field concerned.
import { useTranslation } from 'react-i18next';
import { Alert } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { SubmissionProblem } from '../../../shared/case/intake.ts';
import type { Language } from '../../../shared/languages.ts';
import { problemFieldName } from './field-names.ts';
import { matterNames } from './matter-names.ts';

export function StepProblems({ problems, matter }: { problems: SubmissionProblem[]; matter: Matter | undefined }) {
  const { t, i18n } = useTranslation();
  const names = matterNames(matter, i18n.language as Language);
  const problemText = (p: SubmissionProblem): string => {
    if (
      (p.reason === 'applicant_id_invalid' ||
        p.reason === 'agent_id_invalid' ||
        p.reason === 'phone_invalid' ||
        p.reason === 'delivery_phone_invalid') &&
      p.params?.code
    ) {
      return `${t(`reasons.${p.reason}`)} ${t(`identity.errors.${p.params.code}`)}`;
    }
    return t(`reasons.${p.reason}`, {
      ...p.params,
      material: p.params?.materialId ? names.materialId(p.params.materialId) : '',
      field: problemFieldName(p, names, t),
      place: p.params?.source ? t(`intake.routing.source.${p.params.source}`) : '',
      code: p.params?.code ?? '',
    });
  };
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('intake.problems')}
      description={
        <ul style={{ margin: 0 }}>
          {problems.map((p) => (
            <li key={`${p.reason}:${p.field}`}>{problemText(p)}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 12 }}
      data-testid="step-problems"
    />
  );
}
