// Sending a scan to the backend in chunks (so a large file shows progress),
// with a small thumbnail made here from images.
import { MAX_SCAN_BYTES, SCAN_MEDIA_TYPES, type Scan } from '../../../shared/rpc/contract.ts';
import { pdfThumbnail } from '../lazy-pdf.ts';
import { rpc } from '../rpc.ts';

const THUMBNAIL_PX = 200;

export type FileProblem = 'fileWrongType' | 'fileTooLarge' | null;

export function checkFile(file: File): FileProblem {
  if (!(SCAN_MEDIA_TYPES as readonly string[]).includes(file.type)) return 'fileWrongType';
  if (file.size > MAX_SCAN_BYTES) return 'fileTooLarge';
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function thumbnailOf(file: File): Promise<string | null> {
  if (file.type === 'application/pdf') return pdfThumbnail(new Uint8Array(await file.arrayBuffer()), THUMBNAIL_PX);
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, THUMBNAIL_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(
      Math.max(1, Math.round(bitmap.width * scale)),
      Math.max(1, Math.round(bitmap.height * scale)),
    );
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
    return toBase64(new Uint8Array(await blob.arrayBuffer()));
  } catch {
    return null; // an image the browser cannot decode still uploads; the backend checks its type
  }
}

export async function uploadScan(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ scan: Scan; thumbnail: string | null }> {
  const { uploadId, chunkBytes } = await rpc('scans.begin', { mediaType: file.type, size: file.size });
  const bytes = new Uint8Array(await file.arrayBuffer());
  for (let index = 0, offset = 0; offset < bytes.length; index += 1, offset += chunkBytes) {
    await rpc('scans.chunk', { uploadId, index, data: toBase64(bytes.subarray(offset, offset + chunkBytes)) });
    onProgress(Math.min(1, (offset + chunkBytes) / bytes.length));
  }
  const thumbnail = await thumbnailOf(file);
  const scan = await rpc('scans.finish', { uploadId, thumbnail });
  return { scan, thumbnail };
}
