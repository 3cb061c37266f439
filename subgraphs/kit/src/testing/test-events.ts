import { createLogger } from '../logger.ts';
import type { CloudEvent } from '../events/cloud-event.ts';
import { createInProcessTransport } from '../events/in-process-transport.ts';
import type { EventTransport } from '../events/transport.ts';

export interface TestEvents {
  /** Hand to the subgraph under test: `startSubgraphHarness(module, db, { events: transport })`. */
  readonly transport: EventTransport;
  /** An analyst's view: everything published on the observed topics, in arrival order. */
  readonly published: CloudEvent[];
  /** Puts envelopes on a topic as another domain's relay would, keyed by their subject. */
  deliver(topic: string, ...events: readonly CloudEvent[]): Promise<void>;
  close(): Promise<void>;
}

export interface TestEventsOptions {
  /** Topics the subgraph under test publishes to, recorded in `published`. */
  readonly observe: readonly string[];
  /** Topics the test delivers other domains' events on. */
  readonly deliverTo?: readonly string[];
}

/** An in-process transport with its topics created and an observer group recording what is published. */
export async function createTestEvents(options: TestEventsOptions): Promise<TestEvents> {
  const transport = createInProcessTransport(createLogger('test-events', 'silent'));
  await transport.ensureTopics([...options.observe, ...(options.deliverTo ?? [])]);
  const published: CloudEvent[] = [];
  await transport.subscribe({
    groupId: 'observer',
    topics: options.observe,
    handle: async (message) => void published.push(JSON.parse(message.value) as CloudEvent),
  });
  return {
    transport,
    published,
    deliver: (topic, ...events) => transport.publish(events.map((event) => ({ topic, key: event.subject, value: JSON.stringify(event), headers: {} }))),
    close: () => transport.close(),
  };
}
