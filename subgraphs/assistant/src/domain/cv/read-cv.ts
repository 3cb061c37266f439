import type { Kysely } from 'kysely';
import type { SniffedKind } from '@jobgraph/kit/blobs/index';
import type { Database } from '../../db/types.ts';
import { extractCvText } from './extract-text.ts';
import { parseCv, type ParsedCv } from './parse-cv.ts';
import { loadSkillVocabulary } from './skill-vocabulary-store.ts';

/**
 * Reads a checked resume: its text (PDF, Word or plain text), parsed with the catalog's
 * current tag vocabulary. Null when the file yields no text (an image, a scan without a
 * text layer, a file the parsers cannot read): the document stays usable, unparsed.
 */
export async function readCv(db: Kysely<Database>, bytes: Buffer, kind: SniffedKind): Promise<{ readonly text: string; readonly cv: ParsedCv } | null> {
  const text = await extractCvText(bytes, kind);
  if (text === null || text.trim() === '') return null;
  return { text, cv: parseCv(text, await loadSkillVocabulary(db)) };
}
