import { requireRole } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { newestFirst } from './newest-first.ts';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Admins find accounts by part of the email or name, by role and by status; newest first. */
export const users: QueryResolvers['users'] = async (_parent, { filter, ...args }, { principal, db }) => {
  requireRole(principal, 'admin');
  let query = db.selectFrom('users').selectAll().where('deleted_at', 'is', null);
  const text = filter?.query?.trim().slice(0, 200);
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('display_name', 'ilike', pattern), eb('first_name', 'ilike', pattern), eb('last_name', 'ilike', pattern)]));
  }
  if (filter?.role) query = query.where(sql<boolean>`${filter.role.toLowerCase()} = any(roles)`);
  if (filter?.status) query = query.where('status', '=', filter.status.toLowerCase() as 'active' | 'deactivated' | 'suspended');
  return newestFirst(query, args, 'created_at');
};
