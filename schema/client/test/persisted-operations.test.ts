import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPersistedManifest, persistedManifestPath, printManifest } from '../src/persisted-manifest.ts';

describe('the trusted documents manifest', () => {
  it('is what `pnpm persisted:build` makes of the client’s operations now (run it when this fails)', async () => {
    const manifest = await buildPersistedManifest();
    expect(manifest.operations.map((operation) => operation.name)).toEqual(expect.arrayContaining(['CandidateHome', 'PartnerJobs', 'SignIn']));
    expect(readFileSync(persistedManifestPath, 'utf8')).toBe(printManifest(manifest));
  });
});
