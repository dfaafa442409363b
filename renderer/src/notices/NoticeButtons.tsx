// A button for each notice a case has, opening it for preview, printing and
// saving as PDF, like the receipt.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Authority, Matter } from '../../../shared/catalog/schema.ts';
import type { ResultCollectedPayload } from '../../../shared/case/events.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { NoticeDocument } from './NoticeDocument.tsx';
import { regionName } from '../../../shared/regions.ts';
import { availableNotices, ISSUED_NOTICES, latest, noticeAuthority, type Notice } from './notices.ts';
import { PrintDialog } from './print.tsx';

export function NoticeButtons({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Notice | null>(null);
  const notices = availableNotices(detail);
  if (notices.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="notice-buttons">
        {notices.map((kind) => (
          <Button
            key={kind}
            icon={<PrinterOutlined />}
            onClick={() => setOpen(kind)}
            data-testid={`notice-open-${kind}`}
          >
            {t(`notices.kinds.${kind}`)}
          </Button>
        ))}
      </Space>
      {open && <NoticeModal detail={detail} kind={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/**
 * One notice of the case as it is now (the detail follows the case), with the
 * matter from the catalog and the issuing authority from the register; an
 * issued notice whose authority the register lacks does not print, and says why.
 */
export function NoticeModal({ detail, kind, onClose }: { detail: CaseDetail; kind: Notice; onClose(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [loaded, setLoaded] = useState<{
    matter: Matter | undefined;
    authority: Authority | null;
    signature: string | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { caseId, matterId, handlingRegion } = detail.row;
  const signatureSha =
    kind === 'collection_slip'
      ? (latest<ResultCollectedPayload>(detail, 'case.result_collected')?.payload.signature.sha256 ?? null)
      : null;

  useEffect(() => {
    let live = true;
    // Seeing the signature is an audited reveal; without the permission, or before the
    // file has come from the other place, the slip says where and when it was signed.
    const signature = signatureSha
      ? rpc('scans.get', { sha256: signatureSha, caseId }).then(
          (file) => `data:${file.mediaType};base64,${file.data}`,
          () => null,
        )
      : Promise.resolve(null);
    void Promise.all([rpc('catalog.list', {}), rpc('authorities.list', {}), signature])
      .then(([catalogs, register, signature]) => {
        if (!live) return;
        const matter = catalogs.flatMap((c) => c.matters).find((m) => m.id === matterId);
        const { authority, category } = noticeAuthority(register, handlingRegion, matter);
        if (ISSUED_NOTICES.includes(kind) && !authority) {
          setError(
            category
              ? t('notices.authorityUnknown', { region: regionName(handlingRegion, language), category })
              : t('reasons.matter_unknown'),
          );
          return;
        }
        setLoaded({ matter, authority, signature });
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [caseId, matterId, handlingRegion, kind, signatureSha, t, language]);

  return (
    <PrintDialog
      testId={`notice-${kind}`}
      title={t(`notices.kinds.${kind}`)}
      caseId={caseId}
      kind={kind}
      error={error}
      ready={
        loaded && {
          fileName: `${kind}-${detail.row.caseNo}`,
          render: (copy) => <NoticeDocument kind={kind} detail={detail} {...loaded} copy={copy} />,
        }
      }
      onClose={onClose}
    />
  );
}
