// What seals this device's master key, for the administrator: the OS keyring,
// a weaker store an administrator accepted (a warning until a keyring is
// installed), or browser mode's key file.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Typography } from 'antd';
import type { KeyStore } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';

export function KeyStoreLine() {
  const { t, i18n } = useTranslation();
  const [keyStore, setKeyStore] = useState<KeyStore | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    rpc('system.keyStore', {}).then(setKeyStore, (e: unknown) => setError(describeError(e, t)));
  }, [t]);

  const text =
    keyStore &&
    t(`keyStore.kinds.${keyStore.kind}`, {
      backend: keyStore.backend,
      at: keyStore.acceptedAt ? new Date(keyStore.acceptedAt).toLocaleString(i18n.language) : '',
    });
  return (
    <Card title={t('keyStore.title')} style={{ maxWidth: 560, marginTop: 16 }} data-testid="key-store-card">
      <Typography.Paragraph type="secondary">{t('keyStore.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {keyStore &&
        (keyStore.kind === 'weak_accepted' ? (
          <Alert type="warning" showIcon title={text} data-testid="key-store" data-kind={keyStore.kind} />
        ) : (
          <Typography.Text data-testid="key-store" data-kind={keyStore.kind}>
            {text}
          </Typography.Text>
        ))}
    </Card>
  );
}
