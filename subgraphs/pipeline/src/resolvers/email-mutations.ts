import type { Outcome } from '@jobgraph/kit';
import type { PipelineDeps } from '../domain/deps.ts';
import { addTrustedSender, regenerateForwardingToken, removeTrustedSender } from '../domain/email/forwarding.ts';
import { confirmInboundEmail, dismissInboundEmail } from '../domain/email/review.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { fromEmailClassification } from './email-forwarding.ts';
import { requireViewerId } from './viewer.ts';

const errorsOf = <T>(outcome: Outcome<T>) => (outcome.ok ? [] : outcome.errors.map((e) => ({ ...e, field: [...e.field] })));

export function emailMutations(deps: PipelineDeps): MutationResolvers {
  return {
    regenerateForwardingAddress: async (_parent, _args, { principal }) => {
      const userId = requireViewerId(principal);
      return { emailForwarding: { userId, token: await regenerateForwardingToken(deps, userId) }, errors: [] };
    },
    addTrustedSender: async (_parent, { input }, { principal }) => {
      const outcome = await addTrustedSender(deps, requireViewerId(principal), input.sender);
      return { trustedSender: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) };
    },
    removeTrustedSender: async (_parent, { input }, { principal }) => {
      const outcome = await removeTrustedSender(deps, requireViewerId(principal), input.id);
      return { trustedSender: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) };
    },
    confirmInboundEmail: async (_parent, { input }, { principal, loaders }) => {
      const outcome = await confirmInboundEmail(deps, requireViewerId(principal), {
        id: input.id,
        classification: input.classification ? fromEmailClassification(input.classification) : null,
        companyName: input.companyName ?? null,
        jobTitle: input.jobTitle ?? null,
      });
      if (outcome.ok && outcome.value.application_id) loaders.applicationById.clear(outcome.value.application_id);
      return { inboundEmail: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) };
    },
    dismissInboundEmail: async (_parent, { input }, { principal }) => {
      const outcome = await dismissInboundEmail(deps, requireViewerId(principal), input.id);
      return { inboundEmail: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) };
    },
  };
}
