import type { JobDefinition } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { PipelineConfig } from '../config.ts';
import type { Database } from '../db/types.ts';
import { createSilentFollowUps } from '../domain/create-silent-follow-ups.ts';
import { purgeDeletedApplications } from '../domain/purge-deleted-applications.ts';
import { createThankYouTasks } from '../domain/create-thank-you-tasks.ts';
import { fireDueReminders } from '../domain/fire-reminders.ts';

export const purgeJobName = 'pipeline.purge-deleted-applications';
export const followUpJobName = 'pipeline.silent-application-follow-ups';
export const reminderJobName = 'pipeline.calendar-reminders';
export const thankYouJobName = 'pipeline.interview-thank-yous';

const batchSize = 500;

/** Runs `step` until a batch comes back short of full: bounded transactions, all the work. */
async function drain(step: () => Promise<number>): Promise<void> {
  while ((await step()) === batchSize);
}

/** Pipeline's scheduled work, run on the kit's job queue by every instance, each job by one. */
export function pipelineJobs(db: Kysely<Database>, config: PipelineConfig): readonly JobDefinition[] {
  return [
    { name: purgeJobName, cron: config.PIPELINE_PURGE_CRON, run: () => drain(() => purgeDeletedApplications(db, batchSize)) },
    { name: followUpJobName, cron: config.PIPELINE_FOLLOW_UP_CRON, run: () => drain(() => createSilentFollowUps(db, config.PIPELINE_FOLLOW_UP_AFTER_DAYS, batchSize)) },
    { name: reminderJobName, cron: config.PIPELINE_REMINDER_CRON, run: () => drain(() => fireDueReminders(db, batchSize)) },
    { name: thankYouJobName, cron: config.PIPELINE_THANK_YOU_CRON, run: () => drain(() => createThankYouTasks(db, batchSize)) },
  ];
}
