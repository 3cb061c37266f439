import { openLocalDatabase } from './local-database.ts';

/** `pnpm db:migrate`: provisions and migrates every domain, then stops. */
const database = await openLocalDatabase((step) => console.log(`• ${step}`));
await database.stop();
console.log('All domains are migrated.');
