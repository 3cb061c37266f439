import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allEventDefinitions, deadLetterTopic, foreverTopicPolicy, topicConfigEntries } from '@jobgraph/kit';
import { domains } from '@jobgraph/db';
import { parseAsyncApi, referencePath, renderReference } from '../../src/events-reference.ts';

const parsed = await parseAsyncApi();
const document = parsed.document;

describe('the AsyncAPI document, as the official parser reads it', () => {
  it('parses with no error and no warning', () => {
    expect(parsed.problems).toEqual([]);
    expect(document).toBeDefined();
  });

  it('declares a channel for every topic the code publishes to, and each domain’s dead-letter topic', () => {
    const addresses = document?.channels().all().map((channel) => channel.address()) ?? [];
    const topics = new Set([...allEventDefinitions.map((definition) => definition.topic), ...domains.map(deadLetterTopic)]);
    expect([...addresses].sort()).toEqual([...topics].sort());
  });

  it('puts every message type on the channel of the topic its contract names', () => {
    for (const definition of allEventDefinitions) {
      const channel = document?.channels().all().find((c) => c.address() === definition.topic);
      expect(channel?.messages().all().map((message) => message.name()), definition.type).toContain(definition.type);
    }
  });

  it('states the topic configuration the application creates each topic with, and the partitions it makes', () => {
    for (const channel of document?.channels().all() ?? []) {
      const kafka = channel.bindings().get('kafka')?.value() as { partitions?: number; topicConfiguration?: Record<string, unknown> };
      const created = Object.fromEntries(topicConfigEntries(foreverTopicPolicy, channel.address() ?? '').map((entry) => [entry.name, entry.value]));
      const declared = Object.fromEntries(Object.entries(kafka.topicConfiguration ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)]));
      expect(declared, channel.address() ?? '').toEqual(created);
      expect(kafka.partitions, channel.address() ?? '').toBe(3);
    }
  });

  it('names the headers the relay writes on every message', () => {
    for (const message of document?.components().messages().all() ?? []) {
      const headers = message.headers()?.json() as { properties?: Record<string, { const?: string }> };
      expect(Object.keys(headers.properties ?? {}).sort(), message.name() ?? '').toEqual(['ce_id', 'ce_type', 'content-type']);
      expect(headers.properties?.ce_type?.const).toBe(message.name());
    }
  });

  it('has its HTML reference up to date (pnpm events:reference)', () => {
    if (!document) throw new Error('no document');
    expect(readFileSync(referencePath, 'utf8')).toBe(renderReference(document));
  });
});
