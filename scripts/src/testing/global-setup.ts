import type { TestProject } from 'vitest/node';
import { startTestCluster } from '@jobgraph/db/testing';
import { migrateAll } from '../migrate-all.ts';

/** One PostgreSQL server and one migrated template database for the whole test run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startTestCluster((templateUrl) => migrateAll(templateUrl));
  project.provide('jobgraphDatabase', { adminUrl: cluster.adminUrl, templateDatabase: cluster.templateDatabase });
  return () => cluster.stop();
}
