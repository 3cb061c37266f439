import type { DbTagKind, DbTagRequirement, DbListingVisibility, DbSalaryPeriod, DbCompanyMemberRole, DbCompanySize, DbCompanyType, DbInvitationStatus, DbEmploymentType, DbListingStatus, DbRemoteType, DbSeniorityLevel } from '../db/types.ts';
import type { TagKind, TagRequirement, ListingVisibility, SalaryPeriod, CompanyInvitationStatus, CompanyMemberRole, CompanySize, CompanyType, EmploymentType, JobListingStatus, RemoteType, SeniorityLevel } from '../generated/resolvers.ts';

/**
 * GraphQL enums are the stored values upper-cased (`FULL_TIME` is `full_time`); each
 * pair below is checked by the compiler against both unions.
 */
const upper = <G extends Uppercase<D>, D extends string>(value: D) => value.toUpperCase() as G;
const lower = <D extends string, G extends Uppercase<D>>(value: G) => value.toLowerCase() as D;

export const toListingStatus = (value: DbListingStatus) => upper<JobListingStatus, DbListingStatus>(value);
export const fromListingStatus = (value: JobListingStatus) => lower<DbListingStatus, JobListingStatus>(value);
export const toEmploymentType = (value: DbEmploymentType) => upper<EmploymentType, DbEmploymentType>(value);
export const fromEmploymentType = (value: EmploymentType) => lower<DbEmploymentType, EmploymentType>(value);
export const toRemoteType = (value: DbRemoteType) => upper<RemoteType, DbRemoteType>(value);
export const fromRemoteType = (value: RemoteType) => lower<DbRemoteType, RemoteType>(value);
export const toSeniorityLevel = (value: DbSeniorityLevel) => upper<SeniorityLevel, DbSeniorityLevel>(value);
export const fromSeniorityLevel = (value: SeniorityLevel) => lower<DbSeniorityLevel, SeniorityLevel>(value);
export const toCompanyMemberRole = (value: DbCompanyMemberRole) => upper<CompanyMemberRole, DbCompanyMemberRole>(value);
export const fromCompanyMemberRole = (value: CompanyMemberRole) => lower<DbCompanyMemberRole, CompanyMemberRole>(value);
export const toInvitationStatus = (value: DbInvitationStatus) => upper<CompanyInvitationStatus, DbInvitationStatus>(value);
export const toCompanySize = (value: DbCompanySize) => upper<CompanySize, DbCompanySize>(value);
export const fromCompanySize = (value: CompanySize) => lower<DbCompanySize, CompanySize>(value);
export const toCompanyType = (value: DbCompanyType) => upper<CompanyType, DbCompanyType>(value);
export const fromCompanyType = (value: CompanyType) => lower<DbCompanyType, CompanyType>(value);
export const toSalaryPeriod = (value: DbSalaryPeriod) => upper<SalaryPeriod, DbSalaryPeriod>(value);
export const fromSalaryPeriod = (value: SalaryPeriod) => lower<DbSalaryPeriod, SalaryPeriod>(value);
export const toListingVisibility = (value: DbListingVisibility) => upper<ListingVisibility, DbListingVisibility>(value);
export const fromListingVisibility = (value: ListingVisibility) => lower<DbListingVisibility, ListingVisibility>(value);
export const toTagKind = (value: DbTagKind) => upper<TagKind, DbTagKind>(value);
export const fromTagKind = (value: TagKind) => lower<DbTagKind, TagKind>(value);
export const toTagRequirement = (value: DbTagRequirement) => upper<TagRequirement, DbTagRequirement>(value);
export const fromTagRequirement = (value: TagRequirement) => lower<DbTagRequirement, TagRequirement>(value);
