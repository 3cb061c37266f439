import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const eventSchemaDir = fileURLToPath(new URL('../../schema/events', import.meta.url));

/** Every JSON Schema in schema/events, compiled; `validate(event)` answers with the problems found. */
export function loadEventContracts() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const files = readdirSync(eventSchemaDir).filter((file) => file.endsWith('.schema.json'));
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(path.join(eventSchemaDir, file), 'utf8')) as object);
  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    const id = file;
    const type = file.replace(/\.schema\.json$/, '');
    if (type === 'cloudevent') continue;
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} did not compile`);
    validators.set(type, validate);
  }
  return {
    types: [...validators.keys()].sort(),
    /** Problems with `event` against its type's schema; empty when it conforms. */
    validate(event: unknown): string[] {
      const type = typeof event === 'object' && event !== null && 'type' in event ? String(event.type) : '';
      const validator = validators.get(type);
      if (!validator) return [`no schema for event type "${type}"`];
      if (validator(event)) return [];
      return (validator.errors ?? []).map((error) => `${type}${error.instancePath}: ${error.message ?? 'invalid'}`);
    },
  };
}
