import type { Kysely } from 'kysely';
import type { BlobStore, VirusScanner } from '@jobgraph/kit/blobs/index';
import type { Database } from '../db/types.ts';

/** What the assistant's use cases need, made once per process. */
export interface AssistantDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly scan: VirusScanner;
}
