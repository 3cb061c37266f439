import { CompanyCreated, CompanyMemberAdded, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome } from '@jobgraph/kit';
import { takenSlugs } from '../db/taken-slugs.ts';
import { upsertLocation } from '../db/upsert-location.ts';
import type { Company } from '../db/types.ts';
import { validateCompanyFields } from './company-fields.ts';
import { validateCompanyProfile, type CompanyProfileInput } from './company-profile.ts';
import { firstFreeSlug, slugify } from './company-name.ts';
import type { Actor, CatalogDeps } from './deps.ts';
import { validatePlace, type PlaceInput } from './place.ts';

export interface CreateCompanyCommand {
  readonly name: string;
  readonly website: URL | string | null;
  readonly description: string | null;
  readonly profile?: CompanyProfileInput;
  /** The headquarters as a normalized place (INVALID_PLACE when a field is off). */
  readonly headquartersPlace?: PlaceInput | null;
}

export const domainTaken = (field: readonly string[] = ['input', 'webDomain']) =>
  fail(userError('DOMAIN_TAKEN', 'Another company uses this web domain; ask one of its admins to add you.', field));

export const companyExists = (field: readonly string[] = ['input', 'name']) =>
  fail(userError('COMPANY_EXISTS', 'A company with this name exists already; ask one of its admins to add you.', field));

/**
 * Creates a company with the actor as its owner, under a free slug made from the name.
 * CompanyCreated and CompanyMemberAdded (the owner) commit with it, keyed by the company.
 */
export async function createCompany(deps: CatalogDeps, actor: Actor, command: CreateCompanyCommand): Promise<Outcome<Company>> {
  const fields = validateCompanyFields(command, ['input']);
  const profile = validateCompanyProfile(command.profile ?? {}, ['input'], deps.now());
  const place = command.headquartersPlace ? validatePlace(command.headquartersPlace, ['input', 'headquartersPlace']) : null;
  if (!fields.ok || !profile.ok || (place && !place.ok)) {
    return fail(...(fields.ok ? [] : fields.errors), ...(profile.ok ? [] : profile.errors), ...(place && !place.ok ? place.errors : []));
  }
  const { name, website, description } = fields.value;
  const base = slugify(name.display);

  return deps.db.transaction().execute(async (trx) => {
    // A concurrent insert of the same slug or name makes ours do nothing; the next round sees it.
    for (let round = 0; round < 5; round += 1) {
      const existing = await trx.selectFrom('companies').select('id').where('normalized_name', '=', name.normalized).where('deleted_at', 'is', null).executeTakeFirst();
      if (existing) return companyExists();
      const domain = profile.value.web_domain;
      if (domain && (await trx.selectFrom('companies').select('id').where('web_domain', '=', domain).where('deleted_at', 'is', null).executeTakeFirst())) return domainTaken();
      const slug = firstFreeSlug(base, await takenSlugs(trx, base));
      const company = await trx
        .insertInto('companies')
        .values({ ...profile.value, headquarters_location_id: place?.ok ? await upsertLocation(trx, place.value) : null, name: name.display, normalized_name: name.normalized, slug, website, description, created_by: actor.userId })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (company) {
        const owner = await trx.insertInto('company_members').values({ company_id: company.id, user_id: actor.userId, role: 'owner' }).returningAll().executeTakeFirstOrThrow();
        await appendToOutbox(trx, [
          pendingEvent(CompanyCreated, company.id, { companyId: company.id, name: company.name, slug: company.slug, createdBy: company.created_by }),
          pendingEvent(CompanyMemberAdded, company.id, { companyId: company.id, userId: owner.user_id, role: owner.role }),
        ]);
        return succeed(company);
      }
    }
    throw new Error(`no free slug for "${base}" after 5 rounds`);
  });
}
