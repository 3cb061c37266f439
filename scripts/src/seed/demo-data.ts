/** The people `pnpm dev` signs up; the catalog they find is in `demo-catalog.ts`. */

export const demoPassword = 'jobgraph-demo-password';

export const demoAccounts = [
  { email: 'ada@demo.jobgraph.dev', displayName: 'Ada Candidate', role: 'CANDIDATE' },
  { email: 'grace@demo.jobgraph.dev', displayName: 'Grace Candidate', role: 'CANDIDATE' },
  { email: 'erin@demo.jobgraph.dev', displayName: 'Erin Employer', role: 'EMPLOYER' },
  { email: 'rex@demo.jobgraph.dev', displayName: 'Rex Recruiter', role: 'RECRUITER' },
] as const;

/** The employer who owns every demo company, and the plan each company gets (a trial: no charge; 50 open listings). */
export const demoEmployer = 'erin@demo.jobgraph.dev';
export const demoCompanyPlan = 'employer_team';
