/** The two security features the edge enforces itself (the authorization plugin). */
const enforcedAtTheEdge = /(@link\(\s*url:\s*"https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v0\.1")\s*,\s*for:\s*SECURITY\s*\)/g;

/**
 * Apollo's gateway refuses to serve a supergraph linking a `for: SECURITY` feature it
 * cannot enforce, rightly: serving `@authenticated` fields without checking them would
 * open them. This gateway checks both specs at the edge before Apollo sees the
 * operation, so Apollo is handed the supergraph with those two links no longer marked
 * `for: SECURITY`; any other security feature (e.g. `@policy`) is still refused.
 */
export function supergraphForApolloGateway(supergraphSdl: string): string {
  return supergraphSdl.replace(enforcedAtTheEdge, '$1)');
}
