// PDF scans drawn onto canvases with pdf.js: no plugin and no file written
// to disk. Used for the scan viewer and for the
// thumbnail of a PDF added at the window.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

interface Opened {
  doc: pdfjs.PDFDocumentProxy;
  close(): Promise<void>;
}

async function open(bytes: Uint8Array): Promise<Opened> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: bytes.slice() });
  return { doc: await task.promise, close: () => task.destroy() };
}

async function draw(page: pdfjs.PDFPageProxy, width: number): Promise<HTMLCanvasElement> {
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: width / base.width });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  await page.render({ canvas, viewport }).promise;
  return canvas;
}

/** Every page, at the given width in pixels. */
export async function renderPdfPages(bytes: Uint8Array, width: number): Promise<HTMLCanvasElement[]> {
  const { doc, close } = await open(bytes);
  try {
    const pages: HTMLCanvasElement[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) pages.push(await draw(await doc.getPage(n), width));
    return pages;
  } finally {
    await close();
  }
}

/** The first page as a small JPEG (base64), or null if pdf.js cannot read the file. */
export async function pdfThumbnail(bytes: Uint8Array, width: number): Promise<string | null> {
  try {
    const { doc, close } = await open(bytes);
    try {
      const canvas = await draw(await doc.getPage(1), width);
      return canvas.toDataURL('image/jpeg', 0.7).split(',')[1] ?? null;
    } finally {
      await close();
    }
  } catch {
    return null;
  }
}
