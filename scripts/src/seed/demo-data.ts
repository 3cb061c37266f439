/** What `pnpm dev` puts in an empty database. */

export const demoPassword = 'jobgraph-demo-password';

export const demoAccounts = [
  { email: 'ada@demo.jobgraph.dev', displayName: 'Ada Candidate', role: 'CANDIDATE' },
  { email: 'grace@demo.jobgraph.dev', displayName: 'Grace Candidate', role: 'CANDIDATE' },
  { email: 'erin@demo.jobgraph.dev', displayName: 'Erin Employer', role: 'EMPLOYER' },
  { email: 'rex@demo.jobgraph.dev', displayName: 'Rex Recruiter', role: 'RECRUITER' },
] as const;

export const demoCompanies = [
  { name: 'Acme Robotics', website: 'https://acme.example', description: 'Robots that sort parcels.' },
  { name: 'Northwind Health', website: 'https://northwind.example', description: 'Clinics, scheduling and care software.' },
] as const;

const titles = [
  ['Senior Backend Engineer', ['node', 'postgres', 'graphql'], 'SENIOR', 'REMOTE'],
  ['Frontend Engineer', ['react', 'typescript', 'graphql'], 'MID', 'HYBRID'],
  ['Data Engineer', ['python', 'kafka', 'postgres'], 'MID', 'REMOTE'],
  ['Site Reliability Engineer', ['kubernetes', 'terraform', 'linux'], 'SENIOR', 'ONSITE'],
  ['Product Designer', ['figma', 'research'], 'MID', 'HYBRID'],
  ['Engineering Manager', ['leadership', 'hiring'], 'LEAD', 'REMOTE'],
  ['Machine Learning Engineer', ['python', 'pytorch', 'llm'], 'SENIOR', 'REMOTE'],
  ['QA Engineer', ['playwright', 'typescript'], 'ENTRY', 'ONSITE'],
] as const;

export const demoListings = titles.map(([title, tags, seniority, remoteType], index) => ({
  companyIndex: index % demoCompanies.length,
  input: {
    title,
    description: `${title} at a growing team. You will work with ${tags.join(', ')}.`,
    employmentType: 'FULL_TIME',
    remoteType,
    seniority,
    location: remoteType === 'REMOTE' ? 'Remote (EU)' : 'Berlin',
    tags: [...tags],
    salary: { minCents: 6_000_000 + index * 500_000, maxCents: 8_000_000 + index * 700_000, currency: 'EUR' },
    publish: true,
  },
}));
