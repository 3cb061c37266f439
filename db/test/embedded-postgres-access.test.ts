import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedPostgresAccessError, startEmbeddedPostgres } from '../src/embedded-postgres.ts';
import { firstFolderClosedToOthers } from '../src/server-user-access.ts';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function privateFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jobgraph-private-'));
  await chmod(dir, 0o700);
  made.push(dir);
  return dir;
}

describe('embedded PostgreSQL in a folder only its owner can enter', () => {
  it('finds the first folder that other users cannot enter', async () => {
    const dir = await privateFolder();
    expect(firstFolderClosedToOthers(path.join(dir, 'checkout', '.data', 'postgres'))).toBe(dir);
    await chmod(dir, 0o711);
    expect(firstFolderClosedToOthers(path.join(dir, 'checkout'))).toBeNull();
  });

  // Root cannot run PostgreSQL, so the server runs as another user and the folder matters;
  // an ordinary user runs it as themself, and the same private folder must just work.
  it('stops at once as root with one sentence saying why and what to do, and just starts for an ordinary user', async () => {
    const dir = await privateFolder();
    const dataDir = path.join(dir, 'data');
    if (process.getuid?.() !== 0) {
      const server = await startEmbeddedPostgres({ dataDir, persistent: false });
      await server.stop();
      expect(server.port).toBeGreaterThan(0);
      return;
    }
    const started = Date.now();
    const attempt = startEmbeddedPostgres({ dataDir, persistent: false });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresAccessError);
    await expect(attempt).rejects.toThrow(`cannot enter ${dir}`);
    await expect(attempt).rejects.toThrow(/chmod o\+x .*DATABASE_URL/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(existsSync(dataDir)).toBe(false);
  });
});
