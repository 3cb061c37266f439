import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { userError, type UserError } from '@jobgraph/kit';

/** A resume's sections (seed 003 §5.1), as `resume-sections.schema.json` allows them. */
export interface ResumeSections {
  readonly summary?: string;
  readonly skills?: readonly string[];
  readonly experience?: readonly { readonly company: string; readonly role: string; readonly start?: string | null; readonly end?: string | null; readonly bullets?: readonly string[] }[];
  readonly education?: readonly { readonly school: string; readonly degree?: string | null; readonly year?: string | null }[];
  readonly certifications?: readonly string[];
}

/** The one JSON Schema every resume version's sections must meet. */
export const resumeSectionsSchema: object = JSON.parse(readFileSync(new URL('./resume-sections.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile<ResumeSections>(resumeSectionsSchema);

/**
 * Checks sections against the schema; each problem is an INVALID_SECTIONS error whose
 * field is the path into `input.sections` (e.g. `input.sections.experience.0.role`).
 */
export function checkResumeSections(value: unknown): { ok: true; sections: ResumeSections } | { ok: false; errors: UserError[] } {
  if (validate(value)) return { ok: true, sections: value };
  const errors = (validate.errors ?? []).slice(0, 20).map((error) => {
    const path = error.instancePath.split('/').filter((part) => part !== '');
    const missing = error.keyword === 'required' ? [String((error.params as { missingProperty?: string }).missingProperty)] : [];
    const extra = error.keyword === 'additionalProperties' ? [String((error.params as { additionalProperty?: string }).additionalProperty)] : [];
    return userError('INVALID_SECTIONS', `${['sections', ...path, ...missing, ...extra].join('.')} ${error.message ?? 'is not valid'}.`, ['input', 'sections', ...path, ...missing, ...extra]);
  });
  return { ok: false, errors };
}
