// The clerk's panel of the applicant's screen, above the wizard's steps: the
// button that opens it, the code and address to pair a browser window with
// (or that the desktop app opened it on the second display), and what the
// applicant did.
import { useTranslation } from 'react-i18next';
import { Alert, Button, Space, Typography } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import type { PairingState } from '../../../shared/rpc/methods/applicant-screen.ts';

export interface PanelNote {
  kind: 'acknowledged' | 'signed' | 'flagged' | 'rated';
  text: string;
}

export function ApplicantScreenPanel({
  pairing,
  desktop,
  notes,
  error,
  submitted,
  canOpen,
  onOpen,
  onClose,
}: {
  pairing: PairingState | null;
  desktop: 'opened' | 'none' | null;
  notes: PanelNote[];
  error: string | null;
  submitted: boolean;
  canOpen: boolean;
  onOpen(): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const open = pairing !== null && pairing.phase !== 'closed';
  const address = `${window.location.origin}/applicant.html`;
  return (
    <div data-testid="applicant-screen-panel" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Typography.Text strong>
          <DesktopOutlined /> {t('applicantScreen.clerk.title')}
        </Typography.Text>
        {canOpen && (
          <Button size="small" onClick={onOpen} data-testid="applicant-screen-open">
            {t(pairing ? 'applicantScreen.clerk.openAgain' : 'applicantScreen.clerk.open')}
          </Button>
        )}
        {open && (
          <Button size="small" onClick={onClose} data-testid="applicant-screen-close">
            {t('applicantScreen.clerk.close')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {pairing?.phase === 'waiting' && pairing.code && (
        <Alert
          style={{ marginTop: 8 }}
          type={desktop === 'none' ? 'warning' : 'info'}
          showIcon
          title={
            desktop === 'opened' ? (
              t('applicantScreen.clerk.desktopOpened')
            ) : (
              <Space orientation="vertical" size={2}>
                {desktop === 'none' && <span>{t('applicantScreen.clerk.noSecondDisplay')}</span>}
                <span>
                  {t('applicantScreen.clerk.pairWith', { url: address })}{' '}
                  <Typography.Text strong copyable style={{ fontSize: 20, letterSpacing: 4 }}>
                    <span data-testid="applicant-screen-code">{pairing.code}</span>
                  </Typography.Text>
                </span>
                <span data-testid="applicant-screen-url" data-url={address} />
                {pairing.codeExpiresAt && (
                  <Typography.Text type="secondary">
                    {t('applicantScreen.clerk.expiresAt', {
                      time: new Date(pairing.codeExpiresAt).toLocaleTimeString(i18n.language, { hour12: false }),
                    })}
                  </Typography.Text>
                )}
              </Space>
            )
          }
        />
      )}
      {pairing?.phase === 'paired' && (
        <Alert style={{ marginTop: 8 }} type="success" showIcon title={t('applicantScreen.clerk.paired')} />
      )}
      {submitted && pairing?.phase === 'submitted' && !pairing.rating && (
        <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('applicantScreen.clerk.waitingRating')} />
      )}
      {pairing?.phase === 'closed' && pairing.closedReason && (
        <Alert
          style={{ marginTop: 8 }}
          type={pairing.closedReason === 'ended' ? 'info' : 'warning'}
          showIcon
          title={t(`applicantScreen.clerk.closed.${pairing.closedReason}`)}
          data-testid="applicant-screen-closed"
        />
      )}
      {notes.map((n) => (
        <Alert
          key={n.kind}
          style={{ marginTop: 8 }}
          type={n.kind === 'flagged' ? 'warning' : 'success'}
          showIcon
          title={n.text}
          data-testid={`applicant-screen-${n.kind}`}
        />
      ))}
    </div>
  );
}
