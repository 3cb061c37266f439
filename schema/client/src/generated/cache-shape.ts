/* Generated from schema/supergraph.graphql by `pnpm codegen`. Do not edit. */

/** Apollo Client's `possibleTypes`: which object types each interface and union may be. */
export const possibleTypes: Record<string, readonly string[]> = {};

/** Object types without an `id`: kept inside their parent, merged rather than replaced. */
export const typesWithoutIdentity: readonly string[] = [
  "ApplicationConnection",
  "ApplicationEdge",
  "AuthPayload",
  "AuthTokens",
  "CareerPreferences",
  "CompanyMembership",
  "CompanyPayload",
  "CompleteTaskPayload",
  "CreateApplicationPayload",
  "CreditBalance",
  "CreditLedgerConnection",
  "CreditLedgerEdge",
  "Entitlement",
  "EraseMyAccountPayload",
  "JobListingConnection",
  "JobListingEdge",
  "JobListingPayload",
  "ManualJob",
  "Money",
  "MoveApplicationPayload",
  "PageInfo",
  "SalaryRange",
  "SignOutPayload",
  "TaskConnection",
  "TaskEdge",
  "UpdateCareerProfilePayload",
  "UserError"
];
