import { domainRolePassword, domainUrl, migrateDomain } from '@jobgraph/db';
import { subgraphModules } from './subgraph-modules.ts';

/** Applies every domain's migrations, each as its own role, on the database `adminUrl` names. */
export async function migrateAll(adminUrl: string, onDomain?: (name: string, applied: number) => void): Promise<void> {
  for (const module of subgraphModules) {
    const result = await migrateDomain({
      url: domainUrl(adminUrl, module.name, domainRolePassword(module.name)),
      domain: module.name,
      migrationFolder: module.migrationFolder,
    });
    onDomain?.(module.name, result.results?.length ?? 0);
  }
}
