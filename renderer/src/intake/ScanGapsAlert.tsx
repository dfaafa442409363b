// Says, naming each, which received required materials have no scan and which
// scans show no material. A warning, not a refusal: a paper original may be
// received without a scan, and on the review submitting confirms it.
import { useTranslation } from 'react-i18next';
import { Alert } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import { scanGaps } from './scan-assignment.ts';
import type { WizardState } from './wizard-state.ts';

export function ScanGapsAlert({
  matter,
  state,
  confirmOnSubmit = false,
}: {
  matter: Matter;
  state: WizardState;
  /** On the review: says that submitting as it is confirms the gaps. */
  confirmOnSubmit?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { unscanned, unassigned } = scanGaps(matter, state);
  if (unscanned.length === 0 && unassigned.length === 0) return null;
  const name = (id: string): string => matter.materials.find((m) => m.id === id)?.names[language] ?? id;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('intake.scanGapsTitle')}
      description={
        <>
          <ul style={{ margin: 0 }}>
            {unscanned.map((id) => (
              <li key={`material:${id}`}>{t('intake.scanMissingFor', { material: name(id) })}</li>
            ))}
            {unassigned.map((file) => (
              <li key={`file:${file}`}>{t('intake.scanNotAssigned', { name: file })}</li>
            ))}
          </ul>
          {confirmOnSubmit && t('intake.scanGapsConfirm')}
        </>
      }
      style={{ margin: '8px 0' }}
      data-testid="scan-gaps"
    />
  );
}
