import { graphql } from '../generated/gql/index.ts';

/** The candidate's home screen: one round trip across all five subgraphs. */
export const CandidateHomeQuery = graphql(`
  query CandidateHome {
    viewer {
      id
      displayName
      careerProfile { id headline skills }
      subscription { id status plan { code name } }
      credits { balance }
      applications(first: 10) {
        edges { node { id stage { id name kind } job { id title company { id name } } } }
      }
    }
  }
`);

/** A second screen that reads other fields of the same `credits` object. */
export const CreditHistoryQuery = graphql(`
  query CreditHistory {
    viewer {
      id
      credits {
        ledger(first: 5) { edges { node { id amount reason } } }
      }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      tokens { accessToken }
      errors { code message }
    }
  }
`);
