// 读卡: above the applicant's fields, the card reader's button (F2), a status
// line that says what the reader did, and after a read the card's facts to
// check, its photo where this machine can decode it, an expired card's warning
// and the clerk's confirmation of comparing the photo with the person (Alt+K).
// A failed read changes nothing in the form.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Image, Space, Typography } from 'antd';
import type { ChipIdentity } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';
import type { IdentitySource } from '../../../shared/case/identity-source.ts';
import { chipReadStands, identitySourceLine, withChipRead, withPhotoCompared } from './id-card-state.ts';
import type { StepProps } from './wizard-state.ts';

/** On the case's detail: where its applicant's identity came from, in the screen's language. */
export function IdentitySourceLine({ source }: { source: IdentitySource }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'idCard' });
  return (
    <Typography.Text type="secondary" data-testid="case-identity-source">
      {t('sourceOnCase', { line: identitySourceLine(source, t) })}
    </Typography.Text>
  );
}

type Status = { kind: 'waiting' } | { kind: 'reading' } | { kind: 'read' } | { kind: 'failed'; message: string };

export function IdCardRead({ state, update }: Omit<StepProps, 'matter'>) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>({ kind: 'waiting' });
  // The decoded photo lives only on this screen: it is not part of the draft.
  const [photo, setPhoto] = useState<ChipIdentity['photo'] | null>(null);
  const busy = useRef(false);

  const read = useCallback(async (): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setStatus({ kind: 'reading' });
    try {
      const identity = await rpc('devices.readIdCard', {});
      update((s) => withChipRead(s, identity));
      setPhoto(identity.photo);
      setStatus({ kind: 'read' });
    } catch (error) {
      setStatus({ kind: 'failed', message: describeError(error, t) });
    } finally {
      busy.current = false;
    }
  }, [t, update]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'F2' && !e.altKey && !e.ctrlKey && !e.shiftKey) {
        e.preventDefault();
        void read();
      } else if (e.altKey && !e.ctrlKey && e.code === 'KeyK') {
        e.preventDefault();
        update((s) => withPhotoCompared(s, !s.chipRead?.photoCompared));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [read, update]);

  const chip = state.chipRead && chipReadStands(state) ? state.chipRead : null;
  const validTo = chip?.source.validTo ?? null;
  return (
    <div style={{ marginBottom: 16 }} data-testid="id-card-read">
      <Space wrap>
        <Button onClick={() => void read()} loading={status.kind === 'reading'} data-testid="id-card-read-button">
          {t('idCard.read')}
        </Button>
        {status.kind === 'failed' && (
          <Button onClick={() => void read()} data-testid="id-card-retry">
            {t('idCard.retry')}
          </Button>
        )}
        <Typography.Text
          type={status.kind === 'failed' ? 'danger' : 'secondary'}
          role="status"
          data-testid="id-card-status"
        >
          {status.kind === 'failed'
            ? status.message
            : status.kind === 'reading'
              ? t('idCard.reading')
              : chip
                ? t('idCard.readDone', {
                    card: t(`idCard.cardTypes.${chip.source.cardType}`),
                    name: chip.values.name,
                  })
                : t('idCard.waiting')}
        </Typography.Text>
      </Space>
      {chip && (
        <div style={{ marginTop: 8 }} data-testid="id-card-facts">
          <Space align="start" size="large" wrap>
            {photo?.status === 'shown' && (
              <Image src={photo.dataUrl} alt={t('idCard.photo')} width={102} preview={false} />
            )}
            <div>
              <div>
                {t('idCard.details', {
                  sex: t(`intake.gender.${chip.shown.sex}`),
                  birthDate: chip.shown.birthDate,
                  ethnicity: chip.shown.ethnicity ? t('idCard.ethnicity', { name: chip.shown.ethnicity }) : '',
                  authority: chip.shown.authority ?? '—',
                })}
              </div>
              {chip.shown.englishName && (
                <div>
                  {t('idCard.englishName', { name: chip.shown.englishName, nationality: chip.shown.nationality ?? '' })}
                </div>
              )}
              <div data-testid="id-card-validity">
                {t('idCard.validity', { from: chip.source.validFrom, to: validTo ?? t('idCard.longTerm') })}
              </div>
              {photo && photo.status !== 'shown' && photo.status !== 'absent' && (
                <Typography.Text type="secondary" data-testid="id-card-photo-note">
                  {t(photo.status === 'no_decoder' ? 'idCard.photoNoDecoder' : 'idCard.photoDecoderFailed')}
                </Typography.Text>
              )}
            </div>
          </Space>
          {chip.source.expired && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t('idCard.expired', { date: validTo })}
              data-testid="id-card-expired"
            />
          )}
          <div style={{ marginTop: 8 }}>
            <Checkbox
              checked={chip.photoCompared}
              onChange={(e) => update((s) => withPhotoCompared(s, e.target.checked))}
              data-testid="id-card-photo-compared"
            >
              {t('idCard.photoCompared')}
            </Checkbox>
          </div>
        </div>
      )}
    </div>
  );
}
