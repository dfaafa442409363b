// One page from the live view: the frame as the camera gives it, cropped to
// the region the clerk drew, or to the page when asked (and a page is found),
// as a JPEG file that then goes the way of any uploaded scan (upload.ts).
import { pageBounds, type Rect } from './crop.ts';
import { fractionsToRect, type FrameFractions } from './manual-crop.ts';

/** Fine print stays legible; a 5-megapixel page is about 1–2 MB. */
const JPEG_QUALITY = 0.92;

export interface CapturedPage {
  file: File;
  /** Asked to crop, but no page stood out from the background: the whole frame was kept. */
  noPageFound: boolean;
}

/** How to crop: to the page found in the frame, to a region drawn on the view, or not at all. */
export type Crop = 'page' | FrameFractions | null;

/** Null when the camera has no frame to give (not started, or just stopped). */
export async function capturePage(video: HTMLVideoElement, crop: Crop, name: string): Promise<CapturedPage | null> {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) return null;
  const frame = new OffscreenCanvas(width, height);
  const context = frame.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  const found =
    crop === 'page'
      ? pageBounds(context.getImageData(0, 0, width, height))
      : crop && fractionsToRect(crop, { width, height });
  const rect: Rect = found ?? { x: 0, y: 0, width, height };
  const page = new OffscreenCanvas(rect.width, rect.height);
  page.getContext('2d')!.drawImage(frame, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  const blob = await page.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  return { file: new File([blob], name, { type: 'image/jpeg' }), noPageFound: crop === 'page' && found === null };
}
