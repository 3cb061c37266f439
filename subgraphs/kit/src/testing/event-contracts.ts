import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const eventSchemaDir = fileURLToPath(new URL('../../../../schema/events', import.meta.url));

export interface EventContracts {
  /** Every event type that has a schema. */
  readonly types: readonly string[];
  /** Problems with `event` against its type's schema; empty when it conforms. */
  validate(event: unknown): string[];
}

/** Every JSON Schema in schema/events, compiled strictly. */
export function loadEventContracts(): EventContracts {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const files = readdirSync(eventSchemaDir).filter((file) => file.endsWith('.schema.json'));
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(path.join(eventSchemaDir, file), 'utf8')) as object);
  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    if (file === 'cloudevent.schema.json') continue;
    const validate = ajv.getSchema(file);
    if (!validate) throw new Error(`schema ${file} did not compile`);
    validators.set(file.replace(/\.schema\.json$/, ''), validate);
  }
  return {
    types: [...validators.keys()].sort(),
    validate(event) {
      const type = typeof event === 'object' && event !== null && 'type' in event ? String(event.type) : '';
      const validator = validators.get(type);
      if (!validator) return [`no schema for event type "${type}"`];
      if (validator(event)) return [];
      return (validator.errors ?? []).map((error) => `${type}${error.instancePath}: ${error.message ?? 'invalid'}`);
    },
  };
}

/** The validator alone, for tests that check the events they observed. */
export function eventContracts(): (event: unknown) => string[] {
  const contracts = loadEventContracts();
  return (event) => contracts.validate(event);
}

/** Anything shaped like an email address, anywhere in a serialized event. */
export const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
