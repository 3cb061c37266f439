export { createAccessTokenVerifier, remoteJwks, type AccessTokenVerifier } from './auth/access-token-verifier.ts';
export { defaultLimits, startGateway, type GatewayLimits, type RunningGateway, type StartGatewayOptions } from './start-gateway.ts';
export { createRevokedSessions, followSessionRevocations, refusingRevokedSessions, type RevokedSessions } from './auth/revoked-sessions.ts';
export { cachedApiKeyResolver, identityApiKeyResolver, type ApiKeyResolver } from './auth/api-key.ts';
