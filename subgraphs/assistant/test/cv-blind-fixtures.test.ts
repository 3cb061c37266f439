/**
 * The blind CV set (test/fixtures/cv-blind) is committed because `pnpm eval:cv` reads the
 * files; this keeps them equal to what `pnpm fixtures:cv-blind` builds from the people and
 * layouts, so an edit to either cannot leave a stale PDF, DOCX or expected JSON behind.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBlindSet, type BlindFile } from './fixtures/cv-blind/build.ts';

const folder = fileURLToPath(new URL('./fixtures/cv-blind/', import.meta.url));

describe('blind CV fixtures', () => {
  let built: BlindFile[];
  beforeAll(async () => {
    built = await buildBlindSet();
  });

  it('match what pnpm fixtures:cv-blind builds, byte for byte, with no file left over', async () => {
    const committed = (await readdir(folder)).filter((name) => name.startsWith('cv-')).sort();
    expect(committed).toEqual(built.map((f) => f.name).sort());
    for (const file of built) expect((await readFile(`${folder}${file.name}`)).equals(file.bytes), `${file.name} is stale: run pnpm fixtures:cv-blind`).toBe(true);
  });

  it('hold at least 30 CVs, about half PDF and half DOCX, in at least 10 layouts, all in the held-out split', async () => {
    const expected = built.filter((f) => f.name.endsWith('.json')).map((f) => JSON.parse(f.bytes.toString('utf8')) as { split: string; layout: string; format: string });
    expect(expected.length).toBeGreaterThanOrEqual(30);
    const pdf = expected.filter((e) => e.format === 'pdf').length;
    expect(Math.abs(pdf - (expected.length - pdf))).toBeLessThanOrEqual(4);
    expect(new Set(expected.map((e) => e.layout)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(expected.map((e) => e.split))).toEqual(new Set(['holdout']));
  });
});
