export { createAccessTokenVerifier, remoteJwks, type AccessTokenVerifier } from './auth/access-token-verifier.ts';
export { gatewayEnvSchema } from './config.ts';
export { identityApiKeyResolver, type ApiKeyPrincipal, type ApiKeyResolver } from './plugins/authentication/api-keys.ts';
export { readTrustedDocuments, trustedDocumentsOf, type TrustedDocuments } from './plugins/persisted-operations/manifest.ts';
export { defaultLimits, startGateway, type GatewayLimits, type RunningGateway, type StartGatewayOptions } from './start-gateway.ts';
export { createRevokedSessions, followSessionRevocations, refusingRevokedSessions, type RevokedSessions } from './auth/revoked-sessions.ts';
export { startIdentityAuthentication, type IdentityAuthentication, type IdentityAuthenticationOptions } from './auth/identity-authentication.ts';
