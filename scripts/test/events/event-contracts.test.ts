import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allEventDefinitions, createCloudEvent, UserRegistered } from '@jobgraph/kit';
import { eventSchemaDir, loadEventContracts } from '@jobgraph/kit/testing';

interface AsyncApi {
  asyncapi: string;
  channels: Record<string, { address: string; messages?: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, { name: string; payload: { schema: { $ref: string } } }> };
}

const contracts = loadEventContracts();
const asyncapi = parse(readFileSync(path.join(eventSchemaDir, 'asyncapi.yaml'), 'utf8')) as AsyncApi;

describe('event contracts', () => {
  it('has a JSON Schema for every event type the code defines, and none for types it does not', () => {
    expect(contracts.types).toEqual(allEventDefinitions.map((definition) => definition.type).sort());
  });

  it('documents every topic and every event type in one AsyncAPI 3 document', () => {
    expect(asyncapi.asyncapi).toMatch(/^3\./);
    const addresses = Object.values(asyncapi.channels).map((channel) => channel.address);
    for (const definition of allEventDefinitions) {
      expect(addresses, definition.topic).toContain(definition.topic);
      const channel = Object.values(asyncapi.channels).find((c) => c.address === definition.topic);
      const names = Object.values(channel?.messages ?? {}).map((ref) => asyncapi.components.messages[ref.$ref.split('/').at(-1) ?? '']?.name);
      expect(names, definition.topic).toContain(definition.type);
    }
    for (const message of Object.values(asyncapi.components.messages)) {
      expect(contracts.types).toContain(message.payload.schema.$ref.replace('./', '').replace('.schema.json', ''));
    }
  });

  it('accepts an event as the code builds it, and names what is wrong with one that is not', () => {
    const event = createCloudEvent(UserRegistered, crypto.randomUUID(), { userId: crypto.randomUUID(), roles: ['candidate'], registeredAt: new Date().toISOString() });
    expect(contracts.validate(event)).toEqual([]);
    const broken = { ...event, data: { ...event.data, email: 'ada@example.com', roles: [] } };
    expect(contracts.validate(broken)).toEqual(expect.arrayContaining([expect.stringContaining('/data'), expect.stringContaining('/data/roles')]));
  });
});
