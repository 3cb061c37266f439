import { badUserInput } from '@jobgraph/kit';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { visibleListing } from './visible-listing.ts';

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const job: QueryResolvers['job'] = async (_parent, { id, slug }, context) => {
  if ((id == null) === (slug == null)) throw badUserInput('Give exactly one of `id` and `slug`.');
  if (id != null) return visibleListing(context, id);
  const wanted = (slug ?? '').trim().toLowerCase();
  if (wanted.length > 100 || !slugPattern.test(wanted)) return null;
  const found = await context.db.selectFrom('job_listings').select('id').where('slug', '=', wanted).executeTakeFirst();
  return found ? visibleListing(context, found.id) : null;
};
