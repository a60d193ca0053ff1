import PDFDocument from 'pdfkit';
import { collectPdf } from '../pdf-document.ts';
import { reminderLetterText, type ReminderLetterInput } from './letter.ts';

/**
 * Noto Sans (Latin, Cyrillic, Greek in one file) from an npm package, read from node_modules at run
 * time: pdfkit's built-in Helvetica has no Cyrillic glyphs. Resolved, not bundled, so the server
 * build keeps the package external.
 */

/**
 * The reminder letter as a one-or-more-page A4 PDF with the same text as the .eml
 * (`reminderLetterText`): sender and recipient, date, subject as a heading, then the body. Fonts are
 * embedded as subsets with a ToUnicode map, so the text can be searched and copied.
 */
export async function renderReminderPdf(input: ReminderLetterInput): Promise<Buffer> {
  const { subject, body } = reminderLetterText(input);
  const date = input.date ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    lang: input.lang,
    displayTitle: true,
    info: { Title: subject, Author: input.senderName, Creator: 'Ledgerlens', CreationDate: date },
  });
  const done = collectPdf(doc);

  doc.font('regular').fontSize(9).fillColor('#555555');
  doc.text(`${input.senderName} <${input.senderEmail}>`);
  doc.text(input.customerEmail ? `${input.customerName} <${input.customerEmail}>` : input.customerName);
  doc.text(input.asOf, { align: 'right' });
  doc.moveDown(2);
  doc.font('bold').fontSize(14).fillColor('#000000').text(subject);
  doc.moveDown(1);
  doc.font('regular').fontSize(10.5);
  // The template wraps its prose for a mail client; in the PDF each paragraph reflows to the page.
  const paragraphs = body.replace(/\s+$/, '').split(/\n\s*\n/);
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n');
    if (lines.some((line) => /^\s*•/.test(line))) {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      for (const line of lines) {
        const y = doc.y;
        doc.text('•', left + 6, y);
        doc.text(line.replace(/^\s*•\s*/, ''), left + 20, y, { width: width - 20, paragraphGap: 3 });
      }
      doc.x = left;
    } else {
      // A line that goes on in lower case continues the sentence; others (totals, sign-off) stay lines.
      doc.text(lines.map((line) => line.trim()).reduce((text, line) => text + (/^\p{Ll}/u.test(line) ? ' ' : '\n') + line));
    }
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}
