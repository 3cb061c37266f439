import { requireRole, requireUser } from '@jobgraph/kit';
import { createCompany } from '../domain/create-company.ts';
import type { CatalogDeps } from '../domain/deps.ts';
import { updateCompany } from '../domain/update-company.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { companyPayload } from './payloads.ts';

export function companyMutations(deps: CatalogDeps): Pick<MutationResolvers, 'createCompany' | 'updateCompany'> {
  return {
    createCompany: async (_parent, { input }, { principal }) => {
      const { userId } = requireRole(principal, 'employer', 'recruiter', 'admin');
      return companyPayload(await createCompany(deps, { userId }, { name: input.name, website: input.website ?? null, description: input.description ?? null }));
    },
    updateCompany: async (_parent, { input }, { principal }) => {
      const { userId } = requireUser(principal);
      return companyPayload(
        await updateCompany(deps, { userId }, {
          id: input.id,
          // Omitted keeps; null clears what may be empty and is ignored for the name.
          ...(input.name != null ? { name: input.name } : {}),
          ...(input.website !== undefined ? { website: input.website } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        }),
      );
    },
  };
}
