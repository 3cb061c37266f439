import { badUserInput } from '@jobgraph/kit';
import { findCompanyBySlug } from '../db/find-company-by-slug.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const company: QueryResolvers['company'] = async (_parent, { id, slug }, { db, loaders }) => {
  if ((id == null) === (slug == null)) throw badUserInput('Give exactly one of `id` and `slug`.');
  if (id != null) return loaders.companyById.load(id);
  const wanted = (slug ?? '').trim().toLowerCase();
  if (!slugPattern.test(wanted)) return null;
  const found = await findCompanyBySlug(db, wanted);
  if (!found) return null;
  loaders.companyById.prime(found.id, found);
  return found;
};
