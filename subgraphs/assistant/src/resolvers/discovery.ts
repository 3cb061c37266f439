import { forbidden, isUser, parsePage, requireUser, toConnection, type UserError } from '@jobgraph/kit';
import type { AssistantDeps } from '../domain/deps.ts';
import { isCompanyMember } from '../domain/discovery/company-members.ts';
import { discoverCandidates, type CandidateHit } from '../domain/discovery/discover-candidates.ts';
import { updateDiscoverySettings } from '../domain/discovery/discovery-settings.ts';
import type { CandidateCardResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.ts';

const errorsOf = (errors: readonly UserError[]) => errors.map((e) => ({ ...e, field: [...e.field] }));

export const CandidateCard: CandidateCardResolvers = {
  id: (hit) => hit.profile.id,
  headline: (hit) => hit.profile.headline,
  currentTitle: (hit) => hit.profile.current_title,
  skills: (hit) => hit.profile.skills,
  desiredTitles: (hit) => hit.profile.desired_titles,
  locations: (hit) => hit.profile.preferred_locations,
  yearsOfExperience: (hit) => hit.profile.years_of_experience,
  fit: (hit) => hit.fit,
  // Contact details only when the candidate shares them.
  contact: (hit) => (hit.profile.share_contact && (hit.profile.contact_email || hit.profile.contact_phone) ? { email: hit.profile.contact_email, phone: hit.profile.contact_phone } : null),
};

export function discoveryQueries(deps: AssistantDeps): QueryResolvers {
  return {
    discoverCandidates: async (_parent, args, { principal }) => {
      const { userId } = requireUser(principal);
      if (!isUser(principal) || !(await isCompanyMember(deps.db, userId, args.input.companyId))) throw forbidden('Only members of the company can search its candidates.');
      const page = parsePage(args);
      const hits: CandidateHit[] = (await discoverCandidates(deps.db, args.input.companyId, { ...args.input, skills: args.input.skills?.slice(0, 20) ?? null })) ?? [];
      const after = page.after;
      const rest = after ? hits.filter((hit) => hit.rank < Number(after.key) || (hit.rank === Number(after.key) && hit.profile.id > after.id)) : hits;
      const connection = toConnection(rest.slice(0, page.limit + 1), page, (hit) => ({ key: hit.rank, id: hit.profile.id }));
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
  };
}

export function discoveryMutations(deps: AssistantDeps): MutationResolvers {
  return {
    updateDiscoverySettings: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      const outcome = await updateDiscoverySettings(deps, userId, input);
      return outcome.ok ? { careerProfile: outcome.value, errors: [] } : { careerProfile: null, errors: errorsOf(outcome.errors) };
    },
  };
}
