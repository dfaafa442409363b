// `npm run server -- retention --dry-run | --apply`: what the retention rule
// would purge now (retention.ts), and the purge itself. It names cases by id
// and counts payloads, scans and bytes: never a word of their content.
import { atRestRowsOf } from './at-rest/rows.ts';
import { BlobStoreError, type BlobBackend } from './blob-store/contract.ts';
import { blobStoreSettings, openBlobBackend } from './blob-store/config.ts';
import type { CliIo } from './cli.ts';
import { applyRetention, planRetention, retentionDays, type RetentionPlan } from './retention.ts';
import type { ServerStore } from './storage/contract.ts';

export interface RetentionValues {
  'dry-run'?: boolean | undefined;
  apply?: boolean | undefined;
  json?: boolean | undefined;
}

function planLines(plan: RetentionPlan): string[] {
  const rows = [
    ['case', 'payloads', 'payload bytes', 'scans', 'scan bytes'],
    ...plan.purge.map((c) => [c.caseId, c.payloads, c.payloadBytes, c.blobs, c.blobBytes].map(String)),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const total = (pick: (c: RetentionPlan['purge'][number]) => number): number =>
    plan.purge.reduce((sum, c) => sum + pick(c), 0);
  const scanBytes = plan.blobs.reduce((sum, use) => sum + use.size, 0);
  return [
    ...(plan.purge.length > 0
      ? rows.map((row) =>
          row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        )
      : []),
    `${plan.purge.length} case(s): ${total((c) => c.payloads)} payload(s) of ${total((c) => c.payloadBytes)} bytes, ` +
      `${plan.blobs.length} scan(s) of ${scanBytes} bytes.`,
  ];
}

export async function retentionCommand(
  values: RetentionValues,
  store: ServerStore,
  dataDir: string,
  io: CliIo,
  now: Date = new Date(),
): Promise<number> {
  if (values['dry-run'] && values.apply) {
    io.err('retention takes --dry-run (list what would be purged) or --apply (purge it), not both.');
    return 2;
  }
  const rows = atRestRowsOf(store);
  if (!rows) {
    io.err('This store keeps no retention records.');
    return 1;
  }
  let days: number;
  try {
    days = retentionDays();
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const plan = await planRetention(store, rows, { days, now });
  if (!values.apply) {
    if (values.json) io.out(JSON.stringify({ days, cutoff: plan.cutoff, purge: plan.purge, waiting: plan.waiting }));
    else for (const line of planLines(plan)) io.out(line);
    io.err(
      `Retention ${days} days (TONGBAN_RETENTION_DAYS): concluded cases whose last event is older than ` +
        `${plan.cutoff} and that every party device has pulled. ${plan.waiting.length} such case(s) wait for a ` +
        'device to pull. Nothing was changed; --apply purges.',
    );
    return 0;
  }
  let blobs: BlobBackend;
  try {
    blobs = await openBlobBackend(blobStoreSettings(), { dataDir, store });
  } catch (error) {
    if (!(error instanceof BlobStoreError)) throw error;
    io.err(error.message);
    return 1;
  }
  const result = await applyRetention(rows, plan, blobs, now).finally(() => blobs.close());
  if (values.json) io.out(JSON.stringify(result));
  else {
    io.out(
      `Purged ${result.cases} case(s): ${result.payloads} payload(s) and ${result.blobs} scan(s), ${result.bytes} bytes. ` +
        'Ids, content hashes and scan hashes are kept.',
    );
  }
  return 0;
}
