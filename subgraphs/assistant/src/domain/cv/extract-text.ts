import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import type { SniffedKind } from '@jobgraph/kit/blobs/index';

/** The most text a CV may yield; the rest is cut (a CV is a few pages). */
export const maxCvTextLength = 100_000;

/**
 * The plain text of a checked file, line by line in reading order: PDF through pdf.js
 * (unpdf; content-stream order, so a two-column layout yields one column after the other),
 * Word through mammoth (paragraphs, table cells in order), text as it is. Null for
 * images (no OCR) or a file the parser cannot read.
 */
export async function extractCvText(bytes: Buffer, kind: SniffedKind): Promise<string | null> {
  try {
    let text: string;
    if (kind === 'pdf') {
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      try {
        text = (await extractText(pdf, { mergePages: true })).text;
      } finally {
        await pdf.cleanup();
      }
    } else if (kind === 'docx') {
      text = (await mammoth.extractRawText({ buffer: bytes })).value;
    } else if (kind === 'text') {
      text = bytes.toString('utf8');
    } else {
      return null;
    }
    return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '').slice(0, maxCvTextLength);
  } catch {
    return null;
  }
}
