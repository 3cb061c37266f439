import { CandidateHomeQuery, CreditHistoryQuery, signIn } from '@jobgraph/client';
import { describe, expect, it, vi } from 'vitest';
import { useStory } from './story.ts';

const story = useStory();

describe('the typed client, as a frontend uses it through the gateway', () => {
  it('signs in, reads the home screen, then a second screen on the same objects, and the cache keeps both', async () => {
    const ada = await story().candidate('Ada Client');
    const warn = vi.spyOn(console, 'warn');
    const client = await signIn(story().stack.gatewayUrl, ada.email, 'a long and unusual passphrase');

    const home = await client.query({ query: CandidateHomeQuery });
    expect(home.data?.viewer).toMatchObject({ id: ada.id, displayName: 'Ada Client', credits: { balance: expect.any(Number) }, applications: { edges: [] } });
    const history = await client.query({ query: CreditHistoryQuery });
    expect(history.data?.viewer?.credits.ledger.edges).toEqual(expect.any(Array));

    // The first screen still reads from the cache alone: nothing was lost or refetched.
    const cached = await client.query({ query: CandidateHomeQuery, fetchPolicy: 'cache-only' });
    expect(cached.data?.viewer?.credits.balance).toBe(home.data?.viewer?.credits.balance);
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/Cache data may be lost/);
    warn.mockRestore();
  });

  it('answers a wrong password with the user error code, not a token', async () => {
    const grace = await story().candidate('Grace Client');
    await expect(signIn(story().stack.gatewayUrl, grace.email, 'not the password')).rejects.toThrow('sign-in failed: INVALID_CREDENTIALS');
  });
});
