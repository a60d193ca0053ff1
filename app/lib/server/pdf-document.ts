import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Noto Sans from node_modules: pdfkit's built-in fonts have no Cyrillic.
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf');

/**
 * Registers the fonts 'regular' and 'bold' (Noto Sans, Latin and Cyrillic) on a new pdfkit document
 * and collects its output: the promise resolves with the whole file once `doc.end()` is called.
 */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

