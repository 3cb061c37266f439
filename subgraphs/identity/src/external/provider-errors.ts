/** The provider answered with an OAuth error (`invalid_grant`, `bad_verification_code`, …). */
export class ProviderRefusal extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`the provider refused: ${code}`);
    this.code = code;
  }
}

/** The provider could not be reached or answered something that is not OAuth. */
export class ProviderUnavailable extends Error {}
