import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { createLogger, startJobQueue, type JobQueue } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import type { Database } from '../../src/db/types.ts';
import { followUpJobName, purgeJobName, reminderJobName, thankYouJobName } from '../../src/jobs/pipeline-jobs.ts';
import { useTracker } from '../seed.ts';

/**
 * The running pipeline subgraph works its scheduled jobs: here a second queue on the same
 * database sends them now instead of waiting for the cron, as an operator would.
 */
const tracker = useTracker();
let db: Kysely<Database>;
let operator: JobQueue;

beforeAll(async () => {
  db = createKysely<Database>({ url: tracker.database.urlFor('pipeline') });
  operator = await startJobQueue({ databaseUrl: tracker.database.urlFor('pipeline'), schema: 'pipeline', jobs: [], logger: createLogger('jobs', 'silent') });
});
afterAll(async () => {
  await operator?.stop();
  await db?.destroy();
});

const daysAgo = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;
const exists = async (id: string) => (await db.selectFrom('applications').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe('the purge job', () => {
  it('removes for good what sat in the trash over 30 days, timeline and tasks included, and keeps what can still be restored', async () => {
    const ada = tracker.candidate();
    const old = await ada.track({ title: 'Old mistake' });
    const recent = await ada.track({ title: 'Recent mistake' });
    const live = await ada.track({ title: 'Still tracked' });
    await db.insertInto('tasks').values({ user_id: ada.id, application_id: old.id, kind: 'application_follow_up', title: 'Follow up' }).execute();
    await db.updateTable('applications').set({ deleted_at: daysAgo(31) }).where('id', '=', old.id).execute();
    await db.updateTable('applications').set({ deleted_at: daysAgo(29) }).where('id', '=', recent.id).execute();

    await operator.send(purgeJobName);
    await eventually(async () => !(await exists(old.id)), 30_000);
    expect(await exists(recent.id)).toBe(true);
    expect(await exists(live.id)).toBe(true);
    expect(await db.selectFrom('tasks').select('id').where('application_id', '=', old.id).execute()).toEqual([]);
    const purged = await db.selectFrom('outbox').select('type').where(sql<boolean>`envelope -> 'data' ->> 'applicationId' = ${old.id}`).execute();
    expect(purged.map((row) => row.type)).toContain('jobgraph.pipeline.application.purged.v1');
  });
});

describe('the follow-up job', () => {
  it('gives an application that heard nothing for 7 days a follow-up task, once, even one created straight into APPLIED', async () => {
    const ada = tracker.candidate();
    const silent = await ada.track({ title: 'Silent employer' });
    const answered = await ada.track({ title: 'Answered', companyName: 'Quick Co' });
    const fresh = await ada.track({ title: 'Applied yesterday' });
    await db.updateTable('applications').set({ applied_at: daysAgo(8) }).where('id', 'in', [silent.id, answered.id]).execute();
    await db.updateTable('applications').set({ employer_responded_at: daysAgo(2) }).where('id', '=', answered.id).execute();
    await db.updateTable('applications').set({ applied_at: daysAgo(1) }).where('id', '=', fresh.id).execute();
    const followUps = () => db.selectFrom('tasks').select(['application_id', 'kind']).where('user_id', '=', ada.id).execute();

    await operator.send(followUpJobName);
    await eventually(async () => (await followUps()).length > 0, 30_000);
    await operator.send(followUpJobName, {}, { singletonKey: 'second-run' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await followUps()).toEqual([{ application_id: silent.id, kind: 'application_follow_up' }]);
  });
});

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('the reminder job (PI-16)', () => {
  it('fires each reminder that fell due once, publishing CalendarReminderDue, and leaves those not yet due', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Reminded' });
    const event = await db
      .insertInto('calendar_events')
      .values({ application_id: application.id, user_id: ada.id, kind: 'interview', title: 'Soon', starts_at: minutesFromNow(10), ends_at: minutesFromNow(70), reminder_minutes: [5, 15, 60] })
      .returningAll()
      .executeTakeFirstOrThrow();
    const fired = () => db.selectFrom('calendar_reminders_fired').select('minutes_before').where('event_id', '=', event.id).orderBy('minutes_before').execute();

    await operator.send(reminderJobName);
    await eventually(async () => (await fired()).length > 0, 30_000);
    await operator.send(reminderJobName, {}, { singletonKey: 'second-run' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await fired()).toEqual([{ minutes_before: 15 }, { minutes_before: 60 }]);
    const published = await db.selectFrom('outbox').select(sql<number>`(envelope -> 'data' ->> 'minutesBefore')::int`.as('minutes')).where('type', '=', 'jobgraph.pipeline.calendar.reminder-due.v1').where(sql<boolean>`envelope ->> 'subject' = ${event.id}`).orderBy('minutes').execute();
    expect(published.map((row) => row.minutes)).toEqual([15, 60]);
  });
});

describe('the thank-you job (PI-18)', () => {
  it('asks for a thank-you a day after an interview ended, once, with a follow-up entry in the timeline', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Interviewed' });
    const endsAt = minutesFromNow(-120);
    const interview = await db
      .insertInto('calendar_events')
      .values({ application_id: application.id, user_id: ada.id, kind: 'interview', title: 'Panel', starts_at: minutesFromNow(-180), ends_at: endsAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db.insertInto('calendar_events').values({ application_id: application.id, user_id: ada.id, kind: 'deadline', title: 'Not an interview', starts_at: minutesFromNow(-180), ends_at: endsAt }).execute();
    const thanks = () => db.selectFrom('tasks').select(['kind', 'title', 'due_at', 'calendar_event_id']).where('user_id', '=', ada.id).where('kind', '=', 'thank_you').execute();

    await operator.send(thankYouJobName);
    await eventually(async () => (await thanks()).length > 0, 30_000);
    await operator.send(thankYouJobName, {}, { singletonKey: 'second-run' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await thanks()).toEqual([{ kind: 'thank_you', title: 'Thank them for: Panel', due_at: new Date(endsAt.getTime() + 86_400_000), calendar_event_id: interview.id }]);
    const entries = await db.selectFrom('timeline_entries').select(['kind', 'author', 'payload']).where('application_id', '=', application.id).where('kind', '=', 'follow_up').execute();
    expect(entries).toEqual([{ kind: 'follow_up', author: 'system', payload: expect.objectContaining({ reason: 'interview_thank_you' }) }]);
  });
});
