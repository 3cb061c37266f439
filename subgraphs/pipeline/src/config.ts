import { z } from 'zod';
import { parseEnv } from '@jobgraph/kit';

const schema = z.object({
  /** Days without an answer after which a live application in an APPLIED stage gets a follow-up task. */
  PIPELINE_FOLLOW_UP_AFTER_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** When the follow-up job looks for silent applications (cron, UTC). */
  PIPELINE_FOLLOW_UP_CRON: z.string().min(9).default('7 * * * *'),
  /** When the purge job removes applications deleted more than 30 days ago (cron, UTC). */
  PIPELINE_PURGE_CRON: z.string().min(9).default('23 3 * * *'),
});

export type PipelineConfig = z.infer<typeof schema>;

export function pipelineConfig(env: NodeJS.ProcessEnv): PipelineConfig {
  return parseEnv(schema, env);
}
