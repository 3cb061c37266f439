import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database, DbListingStatus } from './types.ts';

/** Open, and not past its expiry. */
export const openNow = sql<SqlBool>`(status = 'open' and (expires_at is null or expires_at > now()))`;

const expiredNow = sql<SqlBool>`(status = 'expired' or (status = 'open' and expires_at <= now()))`;

/** Listings whose status as readers see it (see `effectiveStatus`) is one of `statuses`. */
export function effectiveStatusIn(eb: ExpressionBuilder<Database, 'job_listings'>, statuses: readonly DbListingStatus[]): Expression<SqlBool> {
  return eb.or(
    statuses.map((status) => {
      if (status === 'open') return openNow;
      if (status === 'expired') return expiredNow;
      return eb('status', '=', status);
    }),
  );
}
