import { describe, expect, it } from 'vitest';
import { validateTaggings } from '../../src/domain/listing-taggings.ts';

describe('listing taggings', () => {
  it('normalizes names, keeps the first of a repeated name, and fills the defaults', () => {
    expect(validateTaggings([{ name: ' Go ', level: 4 }, { name: 'Platform', kind: 'department' }, { name: 'go', requirement: 'nice_to_have' }], ['input', 'taggings'])).toEqual({
      ok: true,
      value: [
        { tag: 'go', kind: 'skill', requirement: 'required', level: 4 },
        { tag: 'platform', kind: 'department', requirement: 'required', level: null },
      ],
    });
  });

  it('refuses empty or long names, levels outside 1–5, and more than 20 tags', () => {
    const outcome = validateTaggings([{ name: '' }, { name: 'x'.repeat(41) }, { name: 'rust', level: 0 }, { name: 'zig', level: 2.5 }], ['t']);
    expect(outcome.ok ? [] : outcome.errors.map((error) => [error.code, error.field.join('.')])).toEqual([
      ['INVALID_TAGS', 't.0.name'],
      ['INVALID_TAGS', 't.1.name'],
      ['INVALID_TAG_LEVEL', 't.2.level'],
      ['INVALID_TAG_LEVEL', 't.3.level'],
    ]);
    const many = Array.from({ length: 21 }, (_, index) => ({ name: `tag ${index}` }));
    expect(validateTaggings(many, ['t']).ok).toBe(false);
  });
});
