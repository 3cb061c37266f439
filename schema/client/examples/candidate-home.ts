// A frontend's first screen with the typed client:
//   node schema/client/examples/candidate-home.ts [gateway URL] [email] [password]
// against `pnpm dev` (its demo account is the default).
import { CandidateHomeQuery, signIn } from '../src/index.ts';

const [gatewayUrl = 'http://localhost:4000/graphql', email = 'ada@demo.jobgraph.dev', password = 'jobgraph-demo-password'] = process.argv.slice(2);
const client = await signIn(gatewayUrl, email, password);
const { data } = await client.query({ query: CandidateHomeQuery });
const viewer = data?.viewer;
if (!viewer) throw new Error('not signed in');
// Every field below is typed from the supergraph: a typo here fails `pnpm typecheck`.
console.log(`${viewer.displayName}: ${viewer.subscription?.plan.name ?? 'no'} plan, ${viewer.credits.balance} AI credits`);
for (const edge of viewer.applications.edges) console.log(`  ${edge.node.stage.name.padEnd(12)} ${edge.node.job?.title ?? '(entered by hand)'} at ${edge.node.job?.company?.name ?? '?'}`);
