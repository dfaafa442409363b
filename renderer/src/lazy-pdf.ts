// pdf.js (its library and its worker) is fetched the first time a PDF is drawn,
// not with the app: signing in and most screens never need it.
import type * as PdfModule from './pdf.ts';

type Pdf = typeof PdfModule;

const load = (): Promise<Pdf> => import('./pdf.ts');

export const renderPdfPages: Pdf['renderPdfPages'] = async (...args) => (await load()).renderPdfPages(...args);

/** Null, as for a file pdf.js cannot read, when pdf.js itself cannot be fetched. */
export const pdfThumbnail: Pdf['pdfThumbnail'] = (...args) =>
  load().then(
    (pdf) => pdf.pdfThumbnail(...args),
    () => null,
  );
