// Scans: uploaded in chunks by their owner, then seen through a case or the
// viewer's own draft; seeing a full scan is audited.
import type { scanMethods } from '../../../shared/rpc/contract.ts';
import { BlobAccess } from '../services/blob-access.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function scanHandlers(context: HandlerContext): DomainHandlers<typeof scanMethods> {
  const { blobs, auditLog } = context;
  const access = new BlobAccess(context);
  return {
    'scans.begin': ({ mediaType, size }, { session }) => blobs.begin(session.userId, mediaType, size),
    'scans.chunk': ({ uploadId, index, data }, { session }) => ({
      received: blobs.chunk(session.userId, uploadId, index, data),
    }),
    'scans.finish': ({ uploadId, thumbnail }, { session }) => blobs.finish(session.userId, uploadId, thumbnail),
    'scans.get': ({ sha256, caseId }, { session }) => {
      const blob = access.reachable(sha256, caseId, session.userId);
      auditLog.record({ userId: session.userId, action: 'scan.view', target: caseId ?? 'draft', detail: { sha256 } });
      return { mediaType: blob.mediaType, data: blobs.read(sha256).toString('base64') };
    },
    'scans.thumbnail': ({ sha256, caseId }, { session }) => {
      const thumb = access.reachable(sha256, caseId, session.userId).thumbnailSha256;
      return { data: thumb ? blobs.read(thumb).toString('base64') : null };
    },
  };
}
