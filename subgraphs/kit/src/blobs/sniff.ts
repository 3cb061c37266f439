import { zipEntries } from './zip-entries.ts';

/** The file kinds the platform accepts, by what their bytes are, never by name or declared type. */
export type SniffedKind = 'pdf' | 'docx' | 'text' | 'png' | 'jpeg';

export const mimeTypeOf: Readonly<Record<SniffedKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

export type SniffResult =
  | { readonly ok: true; readonly kind: SniffedKind }
  | { readonly ok: false; readonly code: 'UNSUPPORTED_TYPE' | 'ENCRYPTED' | 'ZIP_BOMB' | 'CORRUPT'; readonly message: string };

export interface SniffLimits {
  /** The most a DOCX may unpack to. */
  readonly maxUnpackedBytes: number;
  /** The highest unpacked ÷ packed ratio of any entry. */
  readonly maxCompressionRatio: number;
}

export const defaultSniffLimits: SniffLimits = { maxUnpackedBytes: 50 * 1024 * 1024, maxCompressionRatio: 100 };

const startsWith = (bytes: Buffer, prefix: readonly number[]): boolean => prefix.every((byte, i) => bytes[i] === byte);

/** Whether a PDF says it is encrypted: a trailer (or cross-reference stream) with an /Encrypt entry. */
function isEncryptedPdf(bytes: Buffer): boolean {
  return /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(bytes.toString('latin1'));
}

function sniffDocx(bytes: Buffer, limits: SniffLimits): SniffResult {
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, code: 'CORRUPT', message: 'The file is not a readable ZIP archive.' };
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) return { ok: false, code: 'UNSUPPORTED_TYPE', message: 'The archive is not a Word document.' };
  if (names.has('EncryptedPackage')) return { ok: false, code: 'ENCRYPTED', message: 'The document is password-protected.' };
  let unpacked = 0;
  for (const entry of entries) {
    unpacked += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (unpacked > limits.maxUnpackedBytes || ratio > limits.maxCompressionRatio) {
      return { ok: false, code: 'ZIP_BOMB', message: 'The document unpacks to far more than it weighs.' };
    }
  }
  return { ok: true, kind: 'docx' };
}

/**
 * What a file really is, from its first bytes and structure: a PDF (not encrypted), a
 * DOCX (a Word archive that does not unpack out of proportion), UTF-8 text without NUL
 * bytes, or a PNG or JPEG image. Anything else is UNSUPPORTED_TYPE.
 */
export function sniff(bytes: Buffer, limits: SniffLimits = defaultSniffLimits): SniffResult {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return isEncryptedPdf(bytes) ? { ok: false, code: 'ENCRYPTED', message: 'The PDF is encrypted.' } : { ok: true, kind: 'pdf' };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffDocx(bytes, limits);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, code: 'ENCRYPTED', message: 'Password-protected or legacy Office files are not accepted.' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, kind: 'jpeg' };
  if (bytes.length > 0 && !bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return { ok: true, kind: 'text' };
    } catch {
      // not UTF-8: falls through
    }
  }
  return { ok: false, code: 'UNSUPPORTED_TYPE', message: 'Upload a PDF, a Word (.docx) document, plain text, or a PNG or JPEG image.' };
}
