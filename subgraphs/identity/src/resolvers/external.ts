import { requireSession, type Outcome } from '@jobgraph/kit';
import type { IdentityDeps } from '../domain/deps.ts';
import type { StartedAuthorization } from '../domain/external-authorization.ts';
import { completeExternalSignIn, completeProviderLink, startExternalSignIn, startProviderLink, unlinkProvider } from '../domain/external-sign-in.ts';
import { completeIntegrationConnect, disconnectIntegration, startIntegrationConnect } from '../domain/integrations.ts';
import type { IntegrationKind as DbIntegrationKind, SignInProvider } from '../external/catalog.ts';
import type { ExternalProvider, IntegrationAccountResolvers, IntegrationKind, LinkedProviderResolvers, MutationResolvers } from '../generated/resolvers.ts';
import { authPayload } from './auth-payload.ts';
import { clientInfo } from './client.ts';
import { donePayload } from './payloads.ts';

const fromProvider = (provider: ExternalProvider) => provider.toLowerCase() as SignInProvider;
const fromKind = (kind: IntegrationKind) => kind.toLowerCase() as DbIntegrationKind;
const errorsOf = (outcome: Outcome<unknown>) => donePayload(outcome).errors;

function authorizationPayload(outcome: Outcome<StartedAuthorization>) {
  return outcome.ok ? { authorizationUrl: outcome.value.authorizationUrl, expiresAt: outcome.value.expiresAt, errors: [] } : { authorizationUrl: null, expiresAt: null, errors: errorsOf(outcome) };
}

export const LinkedProvider: LinkedProviderResolvers = {
  provider: (account) => account.provider.toUpperCase() as ExternalProvider,
  linkedAt: (account) => account.created_at,
};

export const IntegrationAccount: IntegrationAccountResolvers = {
  kind: (account) => account.kind.toUpperCase() as IntegrationKind,
  expiresAt: (account) => account.expires_at,
  connectedAt: (account) => account.created_at,
  updatedAt: (account) => account.updated_at,
};

/** External sign-in, provider links and integrations (ID-08, ID-09): the browser flow's two halves. */
export function externalMutations(deps: IdentityDeps): MutationResolvers {
  return {
    startExternalSignIn: async (_parent, { input }) => authorizationPayload(await startExternalSignIn(deps, fromProvider(input.provider), input.redirectUri)),
    completeExternalSignIn: async (_parent, { input }, { client }) =>
      authPayload(await completeExternalSignIn(deps, fromProvider(input.provider), input.code, input.state, clientInfo(client))),
    startProviderLink: async (_parent, { input }, { principal }) =>
      authorizationPayload(await startProviderLink(deps, requireSession(principal).userId, fromProvider(input.provider), input.redirectUri)),
    completeProviderLink: async (_parent, { input }, { principal, client }) => {
      const outcome = await completeProviderLink(deps, requireSession(principal).userId, fromProvider(input.provider), input.code, input.state, clientInfo(client));
      return outcome.ok ? { linkedProvider: outcome.value, errors: [] } : { linkedProvider: null, errors: errorsOf(outcome) };
    },
    unlinkProvider: async (_parent, { input }, { principal, client }) => donePayload(await unlinkProvider(deps, requireSession(principal).userId, fromProvider(input.provider), clientInfo(client))),
    startIntegrationConnect: async (_parent, { input }, { principal }) =>
      authorizationPayload(await startIntegrationConnect(deps, requireSession(principal).userId, fromKind(input.kind), input.redirectUri)),
    completeIntegrationConnect: async (_parent, { input }, { principal }) => {
      const outcome = await completeIntegrationConnect(deps, requireSession(principal).userId, fromKind(input.kind), input.code, input.state);
      return outcome.ok ? { integration: outcome.value, errors: [] } : { integration: null, errors: errorsOf(outcome) };
    },
    disconnectIntegration: async (_parent, { input }, { principal }) => donePayload(await disconnectIntegration(deps, requireSession(principal).userId, input.integrationId)),
  };
}
