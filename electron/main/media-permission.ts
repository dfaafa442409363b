// Which permission requests a window's page is granted: the document camera
// (video only) for the app's own pages, nothing else. A page that asks for the
// microphone as well is refused whole: the counter records no sound.
import { isAppUrl } from './app-protocol.ts';

/** The part of Electron's permission request details this reads. */
export interface PermissionRequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  /** Present on 'media' requests. */
  mediaTypes?: readonly string[];
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/** devServerUrl: the development server a development run loads instead of app:// (never in a packaged build). */
export function permissionGranted(
  permission: string,
  details: PermissionRequestDetails,
  devServerUrl?: string,
): boolean {
  if (permission !== 'media' || details.isMainFrame === false) return false;
  const types = details.mediaTypes ?? [];
  if (types.length === 0 || types.some((type) => type !== 'video')) return false;
  const url = details.requestingUrl ?? '';
  return isAppUrl(url) || (devServerUrl !== undefined && sameOrigin(url, devServerUrl));
}
