// A fresh exchange server for each test of a vitest file, with one intake
// window of 360430 enrolled at it through inject. Kept apart from server.ts,
// which the Playwright specs import too: this one registers vitest hooks.
import { afterEach, beforeEach } from 'vitest';
import { enroll, injectTransport, startServer, type TestDevice, type TestServer } from './server.ts';

export interface ServerWithWindow {
  server: TestServer;
  window3: TestDevice;
}

/** The server and window of the test running now: filled in before each test, the server closed after it. */
export function serverWithWindowForEachTest(): ServerWithWindow {
  const site = {} as ServerWithWindow;
  beforeEach(async () => {
    site.server = await startServer();
    site.window3 = await enroll(site.server, injectTransport(site.server.app));
  });
  afterEach(() => site.server.close());
  return site;
}
