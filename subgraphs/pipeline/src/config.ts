import { z } from 'zod';
import { parseEnv } from '@jobgraph/kit';

const schema = z.object({
  /** Days without an answer after which a live application in an APPLIED stage gets a follow-up task. */
  PIPELINE_FOLLOW_UP_AFTER_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** When the follow-up job looks for silent applications (cron, UTC). */
  PIPELINE_FOLLOW_UP_CRON: z.string().min(9).default('7 * * * *'),
  /** When the purge job removes applications deleted more than 30 days ago (cron, UTC). */
  PIPELINE_PURGE_CRON: z.string().min(9).default('23 3 * * *'),
  /** When the reminder job fires calendar reminders that fell due (cron, UTC). */
  PIPELINE_REMINDER_CRON: z.string().min(9).default('* * * * *'),
  /** When the thank-you job looks for interviews that ended (cron, UTC). */
  PIPELINE_THANK_YOU_CRON: z.string().min(9).default('*/15 * * * *'),
  /** The public address of the iCalendar feed (the gateway's `/calendar/feed.ics`); the token is added as `?token=`. */
  PIPELINE_CALENDAR_FEED_URL: z.string().url().default('http://localhost:4000/calendar/feed.ics'),
});

export type PipelineConfig = z.infer<typeof schema>;

export function pipelineConfig(env: NodeJS.ProcessEnv): PipelineConfig {
  return parseEnv(schema, env);
}
