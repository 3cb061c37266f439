import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { CloudEvent } from '@jobgraph/kit';

const eventsDir = fileURLToPath(new URL('../../../../schema/events/', import.meta.url));

/** Validates envelopes against the committed JSON Schemas in schema/events: the problems found, none when it conforms. */
export function eventContracts(): (event: CloudEvent) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const files = readdirSync(eventsDir).filter((file) => file.endsWith('.schema.json'));
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(`${eventsDir}${file}`, 'utf8')) as object);
  const validators = new Map<string, ValidateFunction>();
  for (const file of files) {
    if (file === 'cloudevent.schema.json') continue;
    const validate = ajv.getSchema(file);
    if (validate) validators.set(file.replace(/\.schema\.json$/, ''), validate);
  }
  return (event) => {
    const type = event.type;
    const validate = validators.get(type);
    if (!validate) return [`no schema for ${type}`];
    return validate(event) ? [] : (validate.errors ?? []).map((error) => `${type}${error.instancePath}: ${error.message ?? 'invalid'}`);
  };
}

/** Anything shaped like an email address, anywhere in a serialized event. */
export const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
