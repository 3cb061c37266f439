import { CompanyUpdated, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { lockCompany } from '../db/lock-company.ts';
import type { Company } from '../db/types.ts';
import type { Actor, CatalogDeps } from './deps.ts';

/**
 * Gives or takes away the verified badge; the caller must be a platform admin (checked by the
 * resolver: the role comes from the token, not from catalog). CompanyUpdated commits with it.
 */
export async function setCompanyVerified(deps: CatalogDeps, admin: Actor, companyId: string, verified: boolean): Promise<Outcome<Company>> {
  return deps.db.transaction().execute(async (trx) => {
    const company = await lockCompany(trx, companyId);
    if (!company) return fail(userError('NOT_FOUND', 'There is no such company.', ['id']));
    if ((company.verified_at !== null) === verified) return succeed(company);
    const now = deps.now();
    const updated = await trx
      .updateTable('companies')
      .set(verified ? { verified_at: now, verified_by: admin.userId, updated_at: now } : { verified_at: null, verified_by: null, updated_at: now })
      .where('id', '=', companyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CompanyUpdated, updated.id, { companyId: updated.id, name: updated.name, slug: updated.slug, createdBy: updated.created_by })]);
    return succeed(updated);
  });
}
