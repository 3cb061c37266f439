import * as assistant from './assistant-events.ts';
import * as billing from './billing-events.ts';
import * as catalog from './catalog-events.ts';
import * as identity from './identity-events.ts';
import * as pipeline from './pipeline-events.ts';
import type { EventDefinition } from '../events/cloud-event.ts';

export * from './assistant-events.ts';
export * from './billing-events.ts';
export * from './catalog-events.ts';
export * from './identity-events.ts';
export * from './pipeline-events.ts';

const isDefinition = (value: unknown): value is EventDefinition =>
  typeof value === 'object' && value !== null && 'type' in value && 'topic' in value && 'source' in value;

/** Every event type any domain publishes: the list schema/events must cover. */
export const allEventDefinitions: readonly EventDefinition[] = [identity, catalog, pipeline, assistant, billing].flatMap((module) => Object.values(module).filter(isDefinition));

/** A dead-letter topic per consumer group. */
export const deadLetterTopic = (domain: string) => `${domain}.dead-letter.v1`;
