import { uuidV5 } from '@jobgraph/kit';

/** The assistant's namespace for ids derived from a user id. Never change it: ids would change. */
const careerProfileNamespace = '5b0c2f54-8a39-4d3e-9a57-3c1f0e6b2d81';

/**
 * A user's career profile id, derived from their user id: the empty profile a user sees
 * before saving has the same id as the row the first save creates.
 */
export function careerProfileId(userId: string): string {
  return uuidV5(userId.toLowerCase(), careerProfileNamespace);
}
