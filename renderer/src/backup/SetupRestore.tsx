// The first screen of a new PC: restore the old PC's backup instead of
// setting the device up again. Offered beside the set-up form, folded away.
import { useTranslation } from 'react-i18next';
import { Card, Collapse, Typography } from 'antd';
import { RestoreForm } from './RestoreForm.tsx';

export function SetupRestore() {
  const { t } = useTranslation();
  return (
    <Card style={{ width: 560, margin: '0 auto 48px' }} data-testid="setup-restore">
      <Collapse
        ghost
        items={[
          {
            key: 'restore',
            label: t('backup.setupRestore'),
            children: (
              <>
                <Typography.Paragraph>{t('backup.setupRestoreIntro')}</Typography.Paragraph>
                <RestoreForm atSetup />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
