// Scans: uploaded in chunks by their owner, then seen through a case or the
// viewer's own draft; seeing a full scan is audited.
import type { scanMethods } from '../../../shared/rpc/contract.ts';
import { RpcError } from '../../../shared/rpc/framing.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function scanHandlers({ blobs, cases, drafts, auditLog }: HandlerContext): DomainHandlers<typeof scanMethods> {
  /** A scan is seen through its case, or through the viewer's own unsubmitted draft; any other is not found. */
  const reachableBlob = (sha256: string, caseId: string | null, userId: string) => {
    const blob = blobs.describe(sha256);
    const reachable = caseId !== null ? cases.hasBlob(caseId, sha256) : drafts.holdsScan(userId, sha256);
    if (!blob || !reachable) throw new RpcError({ code: 'NOT_FOUND', message: 'No such file.' });
    return blob;
  };

  return {
    'scans.begin': ({ mediaType, size }, { session }) => blobs.begin(session.userId, mediaType, size),
    'scans.chunk': ({ uploadId, index, data }, { session }) => ({
      received: blobs.chunk(session.userId, uploadId, index, data),
    }),
    'scans.finish': ({ uploadId, thumbnail }, { session }) => blobs.finish(session.userId, uploadId, thumbnail),
    'scans.get': ({ sha256, caseId }, { session }) => {
      const blob = reachableBlob(sha256, caseId, session.userId);
      auditLog.record({ userId: session.userId, action: 'scan.view', target: caseId ?? 'draft', detail: { sha256 } });
      return { mediaType: blob.mediaType, data: blobs.read(sha256).toString('base64') };
    },
    'scans.thumbnail': ({ sha256, caseId }, { session }) => {
      const thumb = reachableBlob(sha256, caseId, session.userId).thumbnailSha256;
      return { data: thumb ? blobs.read(thumb).toString('base64') : null };
    },
  };
}
