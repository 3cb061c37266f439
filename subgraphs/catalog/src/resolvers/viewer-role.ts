import { isUser } from '@jobgraph/kit';
import type { Context } from '../context.ts';
import type { CompanyMemberRole } from '../domain/company-permissions.ts';

/** The caller's role in the company, null for anonymous callers and outsiders; one statement per request. */
export async function viewerRole({ principal, loaders }: Context, companyId: string): Promise<CompanyMemberRole | null> {
  if (!isUser(principal)) return null;
  const memberships = await loaders.membershipsOfUser.load(principal.userId);
  return memberships.find((membership) => membership.company_id === companyId)?.role ?? null;
}
