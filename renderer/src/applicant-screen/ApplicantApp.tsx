// The applicant's page: pairs by the code (typed, or passed in the address by
// the desktop app), then shows the intake as the clerk types it, in the
// applicant's language, and follows it live; when the backend says the session
// ended, the page closes itself.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Input, Result, Space, Typography } from 'antd';
import { call } from '../../../shared/rpc/client.ts';
import type { ApplicantView } from '../../../shared/rpc/methods/applicant-screen.ts';
import { RpcError } from '../../../shared/rpc/framing.ts';
import { api } from '../backend.ts';
import { applyLanguage } from '../i18n.ts';
import { describeError } from '../rpc.ts';
import { ApplicantSections } from './ApplicantSections.tsx';
import { RatingPanel } from './RatingPanel.tsx';

/** A reload of the page keeps its pairing; a new tab does not. */
const TOKEN_KEY = 'tongban.applicantScreen.token';

function codeFromAddress(): string {
  const match = /(?:^|[#&])code=(\d{6})(?:&|$)/.exec(window.location.hash.slice(1));
  return match?.[1] ?? '';
}

const closedError = (error: unknown): boolean =>
  error instanceof RpcError && error.code === 'REJECTED' && error.reason === 'applicant_screen_closed';

export function ApplicantApp() {
  const { t } = useTranslation();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [code, setCode] = useState(codeFromAddress);
  const [view, setView] = useState<ApplicantView | null>(null);
  const [closed, setClosed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback(
    (e: unknown): void => {
      if (closedError(e)) {
        sessionStorage.removeItem(TOKEN_KEY);
        setClosed(true);
      } else setError(describeError(e, t));
    },
    [t],
  );

  /** Calls an applicant method; its answer is the page's new view. */
  const act = useCallback(
    async (work: () => Promise<ApplicantView>): Promise<boolean> => {
      try {
        const next = await work();
        setError(null);
        setView(next);
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [fail],
  );

  const paired = useCallback((given: string): void => {
    sessionStorage.setItem(TOKEN_KEY, given);
    // The code is spent: it is not left in the address to be read back.
    history.replaceState(null, '', window.location.pathname);
    setError(null);
    setToken(given);
  }, []);

  const redeem = (value: string): void => {
    call(api, 'applicantScreen.redeem', { code: value.trim() }).then(({ token: given }) => paired(given), fail);
  };

  // The desktop app passes the code: the page pairs by itself.
  useEffect(() => {
    const passed = codeFromAddress();
    if (passed && !sessionStorage.getItem(TOKEN_KEY)) {
      call(api, 'applicantScreen.redeem', { code: passed }).then(({ token: given }) => paired(given), fail);
    }
  }, [paired, fail]);

  useEffect(() => {
    if (!token) return;
    api.setSession(token);
    const refresh = (): void => void act(() => call(api, 'applicantScreen.view', {}));
    refresh();
    // The backend says which pairing changed; the page reads its own view again (a reconnect too).
    const offChanged = api.on('applicantScreen.changed', refresh);
    const offConnection = api.onConnectionChange((state) => {
      if (state === 'connected') refresh();
    });
    return () => {
      offChanged();
      offConnection();
    };
  }, [token, act]);

  // The page speaks the applicant's language, the intake's.
  const language = view?.language;
  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  if (closed) {
    return (
      <Result
        status="info"
        title={t('applicantScreen.page.closedTitle')}
        subTitle={t('applicantScreen.page.closedText')}
        data-testid="applicant-closed"
      />
    );
  }

  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 24, fontSize: 18 }} data-testid="applicant-screen">
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="applicant-error" />
      )}
      {!token ? (
        <Card title={t('applicantScreen.page.enterCode')}>
          <Space.Compact>
            <Input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={() => redeem(code)}
              inputMode="numeric"
              maxLength={6}
              autoFocus
              size="large"
              style={{ width: 200, letterSpacing: 8 }}
              data-testid="applicant-code"
            />
            <Button type="primary" size="large" onClick={() => redeem(code)} data-testid="applicant-pair">
              {t('applicantScreen.page.pair')}
            </Button>
          </Space.Compact>
        </Card>
      ) : !view ? (
        <Typography.Text>{t('applicantScreen.page.waiting')}</Typography.Text>
      ) : view.phase === 'submitted' ? (
        <RatingPanel view={view} act={act} />
      ) : (
        <ApplicantSections view={view} act={act} />
      )}
    </div>
  );
}
