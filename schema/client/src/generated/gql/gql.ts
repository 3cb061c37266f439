/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CandidateHome {\n    viewer {\n      id\n      displayName\n      careerProfile { id headline skills }\n      subscription { id status plan { code name } }\n      credits { balance }\n      applications(first: 10) {\n        edges { node { id stage { id name kind } job { id title company { id name } } } }\n      }\n    }\n  }\n": typeof types.CandidateHomeDocument,
    "\n  query CreditHistory {\n    viewer {\n      id\n      credits {\n        ledger(first: 5) { edges { node { id amount reason } } }\n      }\n    }\n  }\n": typeof types.CreditHistoryDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      tokens { accessToken }\n      errors { code message }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query PartnerJobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges { node { id title status remoteType postedAt company { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PartnerJobsDocument,
};
const documents: Documents = {
    "\n  query CandidateHome {\n    viewer {\n      id\n      displayName\n      careerProfile { id headline skills }\n      subscription { id status plan { code name } }\n      credits { balance }\n      applications(first: 10) {\n        edges { node { id stage { id name kind } job { id title company { id name } } } }\n      }\n    }\n  }\n": types.CandidateHomeDocument,
    "\n  query CreditHistory {\n    viewer {\n      id\n      credits {\n        ledger(first: 5) { edges { node { id amount reason } } }\n      }\n    }\n  }\n": types.CreditHistoryDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      tokens { accessToken }\n      errors { code message }\n    }\n  }\n": types.SignInDocument,
    "\n  query PartnerJobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges { node { id title status remoteType postedAt company { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PartnerJobsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandidateHome {\n    viewer {\n      id\n      displayName\n      careerProfile { id headline skills }\n      subscription { id status plan { code name } }\n      credits { balance }\n      applications(first: 10) {\n        edges { node { id stage { id name kind } job { id title company { id name } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CandidateHome {\n    viewer {\n      id\n      displayName\n      careerProfile { id headline skills }\n      subscription { id status plan { code name } }\n      credits { balance }\n      applications(first: 10) {\n        edges { node { id stage { id name kind } job { id title company { id name } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditHistory {\n    viewer {\n      id\n      credits {\n        ledger(first: 5) { edges { node { id amount reason } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditHistory {\n    viewer {\n      id\n      credits {\n        ledger(first: 5) { edges { node { id amount reason } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      tokens { accessToken }\n      errors { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      tokens { accessToken }\n      errors { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerJobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges { node { id title status remoteType postedAt company { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PartnerJobs($first: Int, $after: String) {\n    jobs(first: $first, after: $after) {\n      edges { node { id title status remoteType postedAt company { id name } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;