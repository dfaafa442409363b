// An invitation (邀请): what an exchange server's administrator hands a partner
// window so it can enroll — the server's address, a one-time code and the
// fingerprint of the server's key, which the device pins. One text form,
// `tongban-invite:v1?server=…&code=…&key=…`, written by the admin CLI (also as
// a QR code) and read by the device's 添加服务器 form.
import { z } from 'zod';

export const INVITATION_SCHEME = 'tongban-invite:';
const VERSION = 'v1';

/** SHA-256 of the server key's SubjectPublicKeyInfo (DER), 64 lowercase hex digits. */
export const fingerprintSchema = z
  .string()
  .transform((text) => text.replace(/[\s:-]/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/));

/** An exchange server's address: https, or http only where the device allows it (loopback, development). */
export const serverUrlSchema = z.url({ protocol: /^https?$/ }).max(300);

export const invitationSchema = z.object({
  server: serverUrlSchema,
  code: z.string().trim().min(8).max(64),
  fingerprint: fingerprintSchema,
});
export type Invitation = z.output<typeof invitationSchema>;

/** The fingerprint as people compare it: 16 groups of 4 hex digits. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

export function formatInvitation(invitation: Invitation): string {
  const query = new URLSearchParams({
    server: invitation.server,
    code: invitation.code,
    key: invitation.fingerprint,
  });
  return `${INVITATION_SCHEME}${VERSION}?${query.toString()}`;
}

/** The invitation a text holds, or null when it is not one (spaces and line breaks around it do not matter). */
export function parseInvitation(text: string): Invitation | null {
  const trimmed = text.replace(/\s+/g, '');
  const prefix = `${INVITATION_SCHEME}${VERSION}?`;
  if (!trimmed.toLowerCase().startsWith(prefix)) return null;
  const query = new URLSearchParams(trimmed.slice(prefix.length));
  const parsed = invitationSchema.safeParse({
    server: query.get('server') ?? undefined,
    code: query.get('code') ?? undefined,
    fingerprint: query.get('key') ?? undefined,
  });
  return parsed.success ? parsed.data : null;
}
