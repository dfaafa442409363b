// A worker thread of the store benchmark's generator: builds days' rows (the
// crypto and JSON, which dominate) while the main thread inserts.
import { parentPort, workerData } from 'node:worker_threads';
import { createDayBuilder, type BuildContext } from './generate.ts';
import type { DayPlan } from './generate/days.ts';

const context = workerData as BuildContext;
// Buffers arrive as plain Uint8Arrays.
const keys = {
  fields: Buffer.from(context.keys.fields),
  blobs: Buffer.from(context.keys.blobs),
  blindIndex: Buffer.from(context.keys.blindIndex),
  eventChain: Buffer.from(context.keys.eventChain),
  auditChain: Buffer.from(context.keys.auditChain),
};
const build = createDayBuilder({ ...context, keys });
parentPort!.on('message', (task: { id: number; plan: DayPlan; firstOrdinal: number }) => {
  parentPort!.postMessage({ id: task.id, rows: build(task.plan, task.firstOrdinal) });
});
