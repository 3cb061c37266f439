import type { Outcome } from '@jobgraph/kit';
import type { TimelineEntry } from '../../db/types.ts';
import type { PipelineDeps } from '../../domain/deps.ts';
import { addTimelineNote, changeTimelineNote } from '../../domain/manage-timeline.ts';
import type { MutationResolvers } from '../../generated/resolvers.ts';
import { requireViewerId } from '../viewer.ts';

const entryPayload = (outcome: Outcome<TimelineEntry>) =>
  outcome.ok ? { entry: outcome.value, errors: [] } : { entry: null, errors: outcome.errors.map((e) => ({ ...e, field: [...e.field] })) };

/** h8: notes on an application's timeline (PI-12). */
export function timelineMutations(deps: PipelineDeps): MutationResolvers {
  return {
    addTimelineNote: async (_parent, { input }, { principal }) => entryPayload(await addTimelineNote(deps, requireViewerId(principal), input)),
    updateTimelineNote: async (_parent, { input }, { principal }) => entryPayload(await changeTimelineNote(deps, requireViewerId(principal), input.entryId, input.text)),
    deleteTimelineNote: async (_parent, { input }, { principal }) => entryPayload(await changeTimelineNote(deps, requireViewerId(principal), input.entryId, null)),
  };
}
