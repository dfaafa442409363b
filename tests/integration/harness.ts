// Shared helpers for the integration tests, one entry: the real backend in
// this process or as a child process (harness/backends.ts), RPC results
// (harness/rpc.ts), a set-up device with users per role (harness/users.ts), an
// exchange server and devices enrolled at it (harness/exchange.ts),
// direct reads of its SQLite file (harness/device-db.ts), valid intake
// submissions (harness/submissions.ts) and scan bytes (harness/scans.ts).
export { channelPair } from '../../bench/support/frame-channels.ts';
export * from './harness/backends.ts';
export * from './harness/device-db.ts';
export * from './harness/exchange.ts';
export * from './harness/rpc.ts';
export * from './harness/scans.ts';
export * from './harness/submissions.ts';
export * from './harness/users.ts';
