// The exchange server's test helpers, one entry: a real store and server
// (server-store.ts), devices that enroll and sign their requests
// (server-device.ts), and the events they push — a new case's from the sample
// traffic the sync benchmark pushes too, the later ones' from server-events.ts.
export * from '../../bench/support/exchange-samples.ts';
export * from './server-device.ts';
export * from './server-events.ts';
export * from './server-store.ts';
export * from './server-instances.ts';
