// Who may see a stored file, and who may put one on a case. A file is named
// by its SHA-256, and a hash is no secret — every case's answer lists its
// scans' — so no path serves a file, or attaches one to a case (and so sends
// it to that case's partner region), on its hash alone.
import { EVENT_PAYLOADS, blobRefsOf, type EventType } from '../../../shared/case/events.ts';
import type { Scan } from '../../../shared/rpc/contract.ts';
import { RpcError, rejected } from '../../../shared/rpc/framing.ts';
import type { BlobStore } from './blobs.ts';
import type { CaseQueries } from './cases.ts';
import type { Drafts } from './drafts.ts';

export class BlobAccess {
  private readonly blobs: BlobStore;
  private readonly cases: CaseQueries;
  private readonly drafts: Drafts;

  constructor({ blobs, cases, drafts }: { blobs: BlobStore; cases: CaseQueries; drafts: Drafts }) {
    this.blobs = blobs;
    this.cases = cases;
    this.drafts = drafts;
  }

  /** A file is seen through its case, or through the viewer's own unsubmitted draft; any other is not found. */
  reachable(sha256: string, caseId: string | null, userId: string): Scan {
    const blob = this.blobs.describe(sha256);
    const reachable = caseId !== null ? this.cases.hasBlob(caseId, sha256) : this.drafts.holdsScan(userId, sha256);
    if (!blob || !reachable) throw new RpcError({ code: 'NOT_FOUND', message: 'No such file.' });
    return blob;
  }

  /**
   * A file may be cited on a case when it is on that case already, when this
   * user added it (in this run, or in their own draft), or when it is on no
   * case yet (added before a restart). A file of another case is refused as
   * missing, which says nothing of where it is.
   */
  assertCitable(userId: string, sha256s: readonly string[], caseId: string | null): void {
    for (const sha256 of sha256s) {
      const citable =
        (caseId !== null && this.cases.hasBlob(caseId, sha256)) ||
        this.blobs.addedBy(userId, sha256) ||
        !this.cases.blobOnAnyCase(sha256) ||
        this.drafts.holdsScan(userId, sha256);
      if (!citable) throw rejected('scan_missing', 'An attached file is missing; add it again.');
    }
  }

  /** The files an intake cites; a retried submission cites its own case's. */
  assertSubmissionCitable(userId: string, submission: { submissionId: string; scans: { sha256: string }[] }): void {
    const own = this.cases.caseOfSubmission(submission.submissionId);
    this.assertCitable(
      userId,
      submission.scans.map((scan) => scan.sha256),
      own,
    );
  }

  /** The files an event to be recorded cites; a payload its schema refuses is left to the recording to refuse. */
  assertEventCitable(userId: string, input: { caseId: string; type: string; payload: unknown }): void {
    const schema = EVENT_PAYLOADS[input.type as EventType] as (typeof EVENT_PAYLOADS)[EventType] | undefined;
    const parsed = schema?.safeParse(input.payload);
    if (!parsed?.success) return;
    this.assertCitable(
      userId,
      blobRefsOf(input.type, parsed.data).map((ref) => ref.sha256),
      input.caseId,
    );
  }
}
