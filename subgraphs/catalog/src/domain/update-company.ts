import { CompanyUpdated, appendToOutbox, fail, forbidden, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { findMemberRole } from '../db/member-role.ts';
import type { Company, CompanyUpdate } from '../db/types.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { upsertLocation } from '../db/upsert-location.ts';
import { validateCompanyFields, type CompanyFieldsInput } from './company-fields.ts';
import { can } from './company-permissions.ts';
import { validateCompanyProfile, type CompanyProfileInput } from './company-profile.ts';
import { companyExists, domainTaken } from './create-company.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { validatePlace, type PlaceInput } from './place.ts';

export interface UpdateCompanyCommand extends CompanyFieldsInput {
  readonly id: string;
  readonly profile?: CompanyProfileInput;
  /** Omitted keeps, null clears. */
  readonly headquartersPlace?: PlaceInput | null;
}

/**
 * Changes a company's name, website or description; its owners and admins only. The slug stays.
 * CompanyUpdated (the company after the change) commits with it.
 */
export async function updateCompany(deps: CatalogDeps, actor: Actor, command: UpdateCompanyCommand): Promise<Outcome<Company>> {
  const { id, profile: profileInput, headquartersPlace, ...patch } = command;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const company = await trx.selectFrom('companies').selectAll().where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
      if (!company) return fail(userError('NOT_FOUND', 'There is no such company.', ['input', 'id']));
      if (!can(await findMemberRole(trx, id, actor.userId), 'manage_company')) throw forbidden('Only owners and admins of this company may change it.');

      const fields = validateCompanyFields(patch, ['input']);
      const profile = validateCompanyProfile(profileInput ?? {}, ['input'], deps.now());
      const place = headquartersPlace ? validatePlace(headquartersPlace, ['input', 'headquartersPlace']) : null;
      if (!fields.ok || !profile.ok || (place && !place.ok)) {
        return fail(...(fields.ok ? [] : fields.errors), ...(profile.ok ? [] : profile.errors), ...(place && !place.ok ? place.errors : []));
      }
      const { name, website, description } = fields.value;
      if (name && name.normalized !== company.normalized_name) {
        const clash = await trx.selectFrom('companies').select('id').where('normalized_name', '=', name.normalized).where('deleted_at', 'is', null).where('id', '<>', id).executeTakeFirst();
        if (clash) return companyExists();
      }
      const domain = profile.value.web_domain;
      if (domain && domain !== company.web_domain) {
        const taken = await trx.selectFrom('companies').select('id').where('web_domain', '=', domain).where('deleted_at', 'is', null).where('id', '<>', id).executeTakeFirst();
        if (taken) return domainTaken();
      }
      const changes: CompanyUpdate = {
        ...profile.value,
        ...(headquartersPlace === null ? { headquarters_location_id: null } : place?.ok ? { headquarters_location_id: await upsertLocation(trx, place.value) } : {}),
        ...(name ? { name: name.display, normalized_name: name.normalized } : {}),
        ...(website !== undefined ? { website } : {}),
        ...(description !== undefined ? { description } : {}),
        updated_at: deps.now(),
      };
      const updated = await trx.updateTable('companies').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await appendToOutbox(trx, [pendingEvent(CompanyUpdated, updated.id, { companyId: updated.id, name: updated.name, slug: updated.slug, createdBy: updated.created_by })]);
      return succeed(updated);
    });
  } catch (error) {
    // Two renames to one name at the same moment: the index decides, the loser hears why.
    if (isUniqueViolation(error, 'companies_normalized_name_live_key')) return companyExists();
    if (isUniqueViolation(error, 'companies_web_domain_live_key')) return domainTaken();
    throw error;
  }
}
