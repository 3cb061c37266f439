import { requireRole, requireUser } from '@jobgraph/kit';
import type { CompanyProfileInput } from '../domain/company-profile.ts';
import { setCompanyVerified } from '../domain/verify-company.ts';
import type { CreateCompanyInput, UpdateCompanyInput } from '../generated/resolvers.ts';
import { fromCompanySize, fromCompanyType } from './enums.ts';
import { createCompany } from '../domain/create-company.ts';
import type { CatalogDeps } from '../domain/deps.ts';
import { updateCompany } from '../domain/update-company.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { companyPayload } from './payloads.ts';

export function companyMutations(deps: CatalogDeps): Pick<MutationResolvers, 'createCompany' | 'updateCompany' | 'setCompanyVerified'> {
  return {
    createCompany: async (_parent, { input }, { principal }) => {
      const { userId } = requireRole(principal, 'employer', 'recruiter', 'admin');
      return companyPayload(
        await createCompany(deps, { userId }, { name: input.name, website: input.website ?? null, description: input.description ?? null, profile: profileOf(input), headquartersPlace: input.headquartersPlace ?? null }),
      );
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
          profile: profileOf(input),
          ...(input.headquartersPlace !== undefined ? { headquartersPlace: input.headquartersPlace } : {}),
        }),
      );
    },
    setCompanyVerified: async (_parent, { id, verified }, { principal }) => {
      const { userId } = requireRole(principal, 'admin');
      return companyPayload(await setCompanyVerified(deps, { userId }, id, verified));
    },
  };
}

/** The firmographics given (omitted keeps, null clears), in domain terms. */
function profileOf(input: CreateCompanyInput | UpdateCompanyInput): CompanyProfileInput {
  const given = <K extends keyof CompanyProfileInput>(key: K, value: CompanyProfileInput[K] | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    ...given('logoUrl', input.logoUrl),
    ...given('industry', input.industry),
    ...given('size', input.size === undefined ? undefined : input.size === null ? null : fromCompanySize(input.size)),
    ...given('headquarters', input.headquarters),
    ...given('foundedYear', input.foundedYear),
    ...given('type', input.type === undefined ? undefined : input.type === null ? null : fromCompanyType(input.type)),
    ...given('webDomain', input.webDomain),
    ...given('linkedinId', input.linkedinId),
  };
}
