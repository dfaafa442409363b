// Whose address a request comes from, behind a reverse proxy. The status page
// and enrollment limit attempts per client address; behind a proxy every
// client would share the proxy's, so one client's wrong codes would hold back
// all. TONGBAN_TRUST_PROXY names the proxies whose X-Forwarded-For the server
// believes (Fastify's trustProxy); from any other address the header is
// ignored, so a client cannot pick its own address.
import { isIP } from 'node:net';

/** The trusted proxies' addresses and CIDR ranges, comma-separated; undefined for none; null when one is not an address. */
export function trustedProxies(text: string | undefined): string[] | undefined | null {
  if (text === undefined || text.trim() === '') return undefined;
  const entries = text.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    const prefix = Number(bits);
    return /^\d+$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
  });
  return valid ? entries : null;
}
