import { randomUUID } from 'node:crypto';

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: the whole event, metadata and
 * data, is the Kafka message value. It stays whole wherever it is copied (a
 * dead-letter topic, a file an analyst exports, a replay), and one JSON Schema
 * validates all of it.
 */
export interface CloudEvent<Type extends string = string, Data = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  /** `/jobgraph/<domain>`: which domain's service emitted it. */
  readonly source: string;
  /** `jobgraph.<domain>.<aggregate>.<happening>.v<N>`; a breaking change is a new type. */
  readonly type: Type;
  /** The aggregate's id; also the Kafka key, so one aggregate's events stay in order. */
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: Data;
}

/** Names an event type and the topic of its aggregate; `Data` types what it carries. */
export interface EventDefinition<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly topic: string;
  readonly source: string;
  /** Phantom: lets `Data` flow from a definition to its handlers. */
  readonly __data?: Data;
}

export function defineEvent<Data>() {
  return <Type extends string>(type: Type, options: { domain: string; topic: string }): EventDefinition<Type, Data> => ({
    type,
    topic: options.topic,
    source: `/jobgraph/${options.domain}`,
  });
}

export type EventData<D> = D extends EventDefinition<string, infer Data> ? Data : never;

export function createCloudEvent<Type extends string, Data>(definition: EventDefinition<Type, Data>, subject: string, data: Data, time = new Date()): CloudEvent<Type, Data> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: definition.source,
    type: definition.type,
    subject,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/** The envelope of a message, or null when the bytes are not a CloudEvent at all. */
export function parseCloudEvent(value: string): CloudEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const event = parsed as Record<string, unknown>;
  const strings = ['id', 'source', 'type', 'subject', 'time'] as const;
  if (event.specversion !== '1.0' || !strings.every((key) => typeof event[key] === 'string') || !('data' in event)) return null;
  return parsed as CloudEvent;
}

export function isEvent<Type extends string, Data>(event: CloudEvent, definition: EventDefinition<Type, Data>): event is CloudEvent<Type, Data> {
  return event.type === definition.type;
}
