import { describe, expect, it } from 'vitest';
import { useStory } from './story.ts';

const story = useStory();

describe('the gateway’s connections to subgraphs', () => {
  it('are kept alive and reused, not opened per request', async () => {
    const ada = await story().candidate('Ada Keepalive');
    const identity = story().stack.subgraphs.identity;
    const before = identity.connectionsAccepted();
    for (let i = 0; i < 40; i += 1) {
      const result = await ada.request('{ viewer { id } }');
      expect(result.errors).toBeUndefined();
    }
    // 40 sequential operations, each one fetch to identity, over at most a couple of sockets.
    expect(identity.connectionsAccepted() - before).toBeLessThanOrEqual(2);
  });
});
