import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import {
  catalogCompanyTopic,
  catalogJobListingTopic,
  createCloudEvent,
  identityUserTopic,
  pipelineApplicationTopic,
  pipelineTaskTopic,
  type CloudEvent,
  type EventDefinition,
  type EventTransport,
  type Principal,
  type Role,
} from '@jobgraph/kit';
import { createTestEvents, startSubgraphHarness, userPrincipal, type GraphQLResult, type SubgraphHarness } from '@jobgraph/kit/testing';
import { createKysely } from '@jobgraph/db';
import { pipeline, type PipelineDatabase } from '../src/index.ts';

/**
 * A small story DSL over a real pipeline subgraph: `const ada = tracker.candidate()`,
 * `await ada.applyTo(listingId)`, `await ada.move(application, 'Interview')`.
 */

export const applicationFields = /* GraphQL */ `
  fragment ApplicationFields on Application {
    id
    job { id }
    manualJob { title companyName url location }
    stage { id name kind position }
    history { fromStage { name } toStage { name } note changedBy { id } changedAt }
    notes
    appliedAt
    createdAt
    updatedAt
  }
`;

export interface StageData {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly position: number;
}

export interface ApplicationData {
  readonly id: string;
  readonly job: { readonly id: string } | null;
  readonly manualJob: { readonly title: string; readonly companyName: string | null; readonly url: string | null; readonly location: string | null } | null;
  readonly stage: StageData;
  readonly history: readonly { fromStage: { name: string } | null; toStage: { name: string }; note: string | null; changedBy: { id: string } | null; changedAt: string }[];
  readonly notes: string | null;
  readonly appliedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface UserErrorData {
  readonly field: readonly string[];
  readonly code: string;
  readonly message: string;
}

export interface ApplicationPayloadData {
  readonly application: ApplicationData | null;
  readonly errors: readonly UserErrorData[];
}

const createMutation = /* GraphQL */ `
  mutation ($input: CreateApplicationInput!) {
    createApplication(input: $input) { application { ...ApplicationFields } errors { field code message } }
  }
  ${applicationFields}
`;

const moveMutation = /* GraphQL */ `
  mutation ($input: MoveApplicationInput!) {
    moveApplication(input: $input) { application { ...ApplicationFields } errors { field code message } }
  }
  ${applicationFields}
`;

const stagesQuery = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { applicationStages { id name kind position } } } }
`;

export interface Candidate {
  readonly id: string;
  readonly principal: Principal;
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** createApplication as this candidate, payload as it came. */
  create(input: Record<string, unknown>): Promise<ApplicationPayloadData>;
  /** Applies to a catalog listing; fails the test on any error. */
  applyTo(jobId: string, input?: Record<string, unknown>): Promise<ApplicationData>;
  /** Tracks a job entered by hand; fails the test on any error. */
  track(manualJob: Record<string, unknown>, input?: Record<string, unknown>): Promise<ApplicationData>;
  stages(): Promise<readonly StageData[]>;
  stageNamed(name: string): Promise<StageData>;
  /** moveApplication to the stage of that name (or id), payload as it came. */
  move(applicationId: string, stage: string, note?: string): Promise<ApplicationPayloadData>;
}

/** The event side of a tracker started with `{ events: true }`. */
export interface TrackerEvents {
  readonly transport: EventTransport;
  /** Every event pipeline published (its application and task topics), in order. */
  readonly published: readonly CloudEvent[];
  /** Publishes another domain's event as its relay would: the envelope as the value, keyed by the subject. */
  inject<Type extends string, Data>(definition: EventDefinition<Type, Data>, subject: string, data: Data, time?: Date): Promise<CloudEvent<Type, Data>>;
  /** Publishes an envelope as it is, e.g. once more to see a redelivery. */
  deliver(envelope: CloudEvent, topic: string): Promise<void>;
}

export interface Tracker {
  readonly harness: SubgraphHarness;
  readonly database: TestDatabase;
  /** Only with `{ events: true }`. */
  readonly events: TrackerEvents;
  candidate(id?: string, role?: Role): Candidate;
  /**
   * Puts a listing into pipeline's projection as catalog's events would (an open one by
   * default), unless the projection knows it already, as of the epoch so that any real
   * event wins. `applyTo` does it for its listing.
   */
  publishListing(jobId: string, status?: 'draft' | 'open' | 'closed', companyId?: string): Promise<void>;
}

async function publishListing(database: TestDatabase, jobId: string, status: 'draft' | 'open' | 'closed' = 'open', companyId: string = crypto.randomUUID()): Promise<void> {
  const db = createKysely<PipelineDatabase>({ url: database.adminUrl, maxConnections: 1 }).withSchema('pipeline');
  try {
    const snapshot = { listingId: jobId, companyId, title: 'Listed job', status, employmentType: 'full_time', remoteType: 'remote', seniority: null, location: 'Berlin', tags: ['graphql'], salary: null, postedAt: null, closedAt: null, expiresAt: null };
    await db
      .insertInto('listing_ownership')
      .values({ job_listing_id: jobId.toLowerCase(), company_id: companyId, title: 'Listed job', status, snapshot: JSON.stringify(snapshot), updated_at: new Date(0) })
      .onConflict((oc) => oc.column('job_listing_id').doNothing())
      .execute();
  } finally {
    await db.destroy();
  }
}

/**
 * A fresh database and pipeline subgraph for the test file, stopped after it. With
 * `events`, the subgraph runs its relay and consumer on an in-process transport, and an
 * observer group records what it publishes.
 */
export function useTracker(options: { readonly events?: boolean } = {}): Tracker {
  let database: TestDatabase | undefined;
  let harness: SubgraphHarness | undefined;
  let events: TrackerEvents | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    if (!options.events) {
      harness = await startSubgraphHarness(pipeline, database);
      return;
    }
    const test = await createTestEvents({
      observe: [pipelineApplicationTopic, pipelineTaskTopic],
      deliverTo: [identityUserTopic, catalogCompanyTopic, catalogJobListingTopic],
    });
    const { transport } = test;
    const deliver = (envelope: CloudEvent, topic: string) => test.deliver(topic, envelope);
    events = {
      transport,
      published: test.published,
      deliver,
      async inject(definition, subject, data, time) {
        const envelope = createCloudEvent(definition, subject, data, time);
        await deliver(envelope, definition.topic);
        return envelope;
      },
    };
    harness = await startSubgraphHarness(pipeline, database, { events: transport });
  });
  afterAll(async () => {
    await harness?.stop();
    await events?.transport.close();
    await database?.drop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the tracker starts in beforeAll');
    return value;
  };
  return {
    get harness() {
      return started(harness);
    },
    get database() {
      return started(database);
    },
    get events() {
      return started(events);
    },
    candidate: (id = crypto.randomUUID(), role: Role = 'candidate') => candidate(() => started(harness), id, role, (jobId) => publishListing(started(database), jobId)),
    publishListing: (jobId, status = 'open', companyId) => publishListing(started(database), jobId, status, companyId),
  };
}

function candidate(harness: () => SubgraphHarness, id: string, role: Role, listingKnown?: (jobId: string) => Promise<void>): Candidate {
  const principal = userPrincipal(id, role);
  const request = <T>(query: string, variables?: Record<string, unknown>) => harness().request<T>(query, variables, principal);
  const self: Candidate = {
    id,
    principal,
    request,
    async create(input) {
      const result = await request<{ createApplication: ApplicationPayloadData }>(createMutation, { input });
      if (!result.data) throw new Error(`createApplication failed: ${JSON.stringify(result.errors)}`);
      return result.data.createApplication;
    },
    async applyTo(jobId, input = {}) {
      await listingKnown?.(jobId);
      return succeeded(await self.create({ jobId, ...input }));
    },
    async track(manualJob, input = {}) {
      return succeeded(await self.create({ manualJob, ...input }));
    },
    async stages() {
      const result = await request<{ _entities: { applicationStages: StageData[] }[] }>(stagesQuery, { r: [{ __typename: 'User', id }] });
      const stages = result.data?._entities[0]?.applicationStages;
      if (!stages) throw new Error(`applicationStages failed: ${JSON.stringify(result.errors)}`);
      return stages;
    },
    async stageNamed(name) {
      const stage = (await self.stages()).find((s) => s.name === name);
      if (!stage) throw new Error(`no stage named ${name}`);
      return stage;
    },
    async move(applicationId, stage, note) {
      const stageId = /^[0-9a-f-]{36}$/i.test(stage) ? stage : (await self.stageNamed(stage)).id;
      const result = await request<{ moveApplication: ApplicationPayloadData }>(moveMutation, { input: { applicationId, stageId, ...(note === undefined ? {} : { note }) } });
      if (!result.data) throw new Error(`moveApplication failed: ${JSON.stringify(result.errors)}`);
      return result.data.moveApplication;
    },
  };
  return self;
}

function succeeded(payload: ApplicationPayloadData): ApplicationData {
  if (!payload.application || payload.errors.length > 0) throw new Error(`expected an application, got ${JSON.stringify(payload.errors)}`);
  return payload.application;
}
