import { describe, expect, it } from 'vitest';
import { eicarScanner } from '../../src/blobs/virus-scan.ts';
import { safeFileName, contentDisposition, assertBlobKey } from '../../src/blobs/blob-store.ts';
import { sniff } from '../../src/blobs/sniff.ts';
import { wordFiles, zipArchive } from './zip-fixture.ts';

describe('sniffing what a file really is', () => {
  it('knows PDF, DOCX, text and images by their bytes, whatever they are called', () => {
    expect(sniff(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF'))).toEqual({ ok: true, kind: 'pdf' });
    expect(sniff(zipArchive(wordFiles))).toEqual({ ok: true, kind: 'docx' });
    expect(sniff(Buffer.from('Ada Lovelace\nMathematician'))).toEqual({ ok: true, kind: 'text' });
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toEqual({ ok: true, kind: 'png' });
  });

  it('refuses a "PDF" that is not one, an encrypted PDF, a zip that is not Word, and binary junk', () => {
    expect(sniff(Buffer.from('MZ\x90\x00 an executable renamed cv.pdf', 'latin1'))).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE' });
    expect(sniff(Buffer.from('%PDF-1.7\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF'))).toMatchObject({ ok: false, code: 'ENCRYPTED' });
    expect(sniff(zipArchive({ 'hello.txt': 'hi' }))).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE' });
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false, code: 'CORRUPT' });
    expect(sniff(Buffer.from('text with a NUL\u0000 byte'))).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE' });
  });

  it('refuses a DOCX zip bomb from its directory, before anything is inflated', () => {
    const bomb = zipArchive({ ...wordFiles, 'word/media/zeros.bin': Buffer.alloc(60 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200_000);
    expect(sniff(bomb)).toMatchObject({ ok: false, code: 'ZIP_BOMB' });
  });
});

describe('names, keys and the virus-scan hook', () => {
  it('keeps only the last segment of a file name, without control characters or quotes', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\windows\\cv".pdf')).toBe('cv.pdf');
    expect(safeFileName('\u0000\n')).toBe('file');
    expect(contentDisposition('Lebenslauf Müller.pdf')).toBe(`attachment; filename="Lebenslauf M_ller.pdf"; filename*=UTF-8''Lebenslauf%20M%C3%BCller.pdf`);
  });

  it('refuses keys that climb out of the store', () => {
    expect(() => assertBlobKey('assistant/documents/abc')).not.toThrow();
    for (const key of ['../secret', 'a/../../b', '/abs', 'a//b', 'A/B']) expect(() => assertBlobKey(key)).toThrow();
  });

  it('flags the EICAR test file and passes anything else', async () => {
    const eicar = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    expect(await eicarScanner(eicar)).toEqual({ clean: false, signature: 'EICAR-Test-File' });
    expect(await eicarScanner(Buffer.from('a CV'))).toEqual({ clean: true });
  });
});
