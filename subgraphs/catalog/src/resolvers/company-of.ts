import type { Context } from '../context.ts';
import type { Company } from '../db/types.ts';

/** The live company a listing or membership belongs to; its absence is a broken invariant, not a client error. */
export async function companyOf({ loaders }: Context, companyId: string): Promise<Company> {
  const company = await loaders.companyById.load(companyId);
  if (!company) throw new Error(`company ${companyId} is missing or deleted but still referenced`);
  return company;
}
