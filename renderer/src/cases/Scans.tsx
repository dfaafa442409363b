// A case's scans: thumbnails for everyone who may read the case; the full
// file only through scans.get, which the backend audits as a reveal.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Image, Modal, Space, Spin, Typography } from 'antd';
import { FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Matter } from '../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { renderPdfPages } from '../lazy-pdf.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { useLanguage } from './format.ts';

type CaseScan = CaseDetail['scans'][number];

interface Viewer {
  url: string;
  bytes: Uint8Array;
  mediaType: string;
  name: string;
}

const THUMB = 112;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Thumbnails are PNG or JPEG; their first bytes say which. */
function thumbnailUrl(base64: string): string {
  return `data:${base64.startsWith('iVBOR') ? 'image/png' : 'image/jpeg'};base64,${base64}`;
}

export function ScanGallery({
  caseId,
  scans,
  matter,
}: {
  caseId: string;
  scans: readonly CaseScan[];
  matter: Matter | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { can } = useSession();
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A file's bytes live in a blob: URL only while it is on screen.
  useEffect(() => {
    if (!viewer) return;
    return () => URL.revokeObjectURL(viewer.url);
  }, [viewer]);

  const nameOf = (scan: CaseScan, index: number): string => {
    const material = matter?.materials.find((m) => m.id === scan.materialId);
    return `${index + 1}. ${material?.names[language] ?? t('cases.detail.otherScan')}`;
  };

  const open = async (scan: CaseScan, name: string): Promise<void> => {
    setOpening(scan.sha256);
    setError(null);
    try {
      const file = await rpc('scans.get', { sha256: scan.sha256, caseId });
      const bytes = bytesOf(file.data);
      const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
      setViewer({ url, bytes, mediaType: file.mediaType, name });
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setOpening(null);
    }
  };

  if (scans.length === 0) return <Typography.Text type="secondary">{t('cases.detail.noScans')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      <Space wrap size="middle" data-testid="case-scans">
        {scans.map((scan, index) => {
          const name = nameOf(scan, index);
          return (
            <Button
              key={scan.sha256}
              type="text"
              disabled={!can('personal.reveal')}
              loading={opening === scan.sha256}
              onClick={() => void open(scan, name)}
              aria-label={t('cases.detail.openScan', { name })}
              style={{ height: 'auto', padding: 4, display: 'flex', flexDirection: 'column', width: THUMB + 16 }}
              data-testid="case-scan"
            >
              <Thumbnail scan={scan} caseId={caseId} />
              <Typography.Text ellipsis style={{ width: THUMB, fontSize: 12 }}>
                {name}
              </Typography.Text>
            </Button>
          );
        })}
      </Space>
      {viewer?.mediaType.startsWith('image/') && (
        <Image
          style={{ display: 'none' }}
          src={viewer.url}
          alt={viewer.name}
          preview={{ open: true, src: viewer.url, onOpenChange: (next) => !next && setViewer(null) }}
        />
      )}
      {viewer && !viewer.mediaType.startsWith('image/') && (
        <PdfViewer viewer={viewer} onClose={() => setViewer(null)} />
      )}
    </Space>
  );
}

function Thumbnail({ scan, caseId }: { scan: CaseScan; caseId: string }) {
  // undefined while loading, null when there is none (PDFs, or none was made).
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    rpc('scans.thumbnail', { sha256: scan.sha256, caseId }).then(
      ({ data }) => live && setSrc(data ? thumbnailUrl(data) : null),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [scan.sha256, caseId]);

  const box = { width: THUMB, height: THUMB, display: 'flex', alignItems: 'center', justifyContent: 'center' } as const;
  if (src === undefined) return <Spin style={box} />;
  if (src) return <img src={src} alt="" style={{ ...box, objectFit: 'contain', background: '#fafafa' }} />;
  const Icon = scan.mediaType === 'application/pdf' ? FilePdfOutlined : FileOutlined;
  return (
    <span style={{ ...box, background: '#fafafa', fontSize: 48, color: '#8c8c8c' }}>
      <Icon />
    </span>
  );
}

/** Pages drawn by pdf.js onto canvases: the decrypted file never leaves memory. */
function PdfViewer({ viewer, onClose }: { viewer: Viewer; onClose(): void }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState<HTMLDivElement | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!pages) return;
    let live = true;
    renderPdfPages(viewer.bytes, 760).then(
      (canvases) => {
        if (!live) return;
        for (const canvas of canvases) {
          canvas.dataset.testid = 'scan-pdf-page';
          canvas.style.cssText = 'display:block;max-width:100%;margin:0 auto 12px;border:1px solid #eee';
          pages.append(canvas);
        }
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      pages.replaceChildren();
    };
  }, [pages, viewer.bytes]);
  return (
    <Modal open width={840} title={viewer.name} onCancel={onClose} footer={null} destroyOnHidden>
      {failed ? (
        <Alert type="error" showIcon title={t('cases.detail.pdfFailed')} />
      ) : (
        <div ref={setPages} data-testid="scan-pdf" />
      )}
    </Modal>
  );
}
