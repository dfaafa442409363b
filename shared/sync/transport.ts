// Which addresses may carry the exchange protocol without TLS: none, except
// this machine's own (loopback) when the development switch is set — on the
// device and on the server alike.
export const PLAIN_HTTP_SWITCH = 'TONGBAN_ALLOW_PLAIN_HTTP';

/** 127.0.0.0/8, ::1 or localhost (a URL's hostname, brackets and all). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}
