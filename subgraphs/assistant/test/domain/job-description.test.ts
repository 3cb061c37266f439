import { describe, expect, it } from 'vitest';
import { skillVocabulary } from '../../src/domain/cv/cv-skills.ts';
import { extractRequirements, extractSkills } from '../../src/domain/job-descriptions/jd-extract.ts';
import { jobDescriptionHash, normalizeJobDescription } from '../../src/domain/job-descriptions/jd-text.ts';

const posting = `Senior Backend Engineer — Fjord Payments

About the role
You will build the ledger behind every payment.

What you'll do:
- Design services in Go and TypeScript
- Run them on Kubernetes

Requirements
• 5+ years of backend experience
• Production experience with Postgres and Kafka
• Comfortable with CI/CD and on-call

Nice to have
• Node.js
• Experience with machine learning pipelines

Benefits
- 30 days of holiday`;

describe('job description dedupe', () => {
  it('gives the same hash to the same text pasted with other spacing, case, bullets or zero-width characters', () => {
    const again = posting.replace(/\n/g, '\r\n\n').replace(/•/g, '*').toUpperCase().replace('Senior', 'Sen\u200bior');
    expect(normalizeJobDescription(again)).toBe(normalizeJobDescription(posting));
    expect(jobDescriptionHash(again)).toBe(jobDescriptionHash(posting));
    expect(jobDescriptionHash(`${posting} Also Rust.`)).not.toBe(jobDescriptionHash(posting));
    expect(jobDescriptionHash(posting)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('reading a job description', () => {
  it('takes the lines of its requirements sections, not the duties or benefits', () => {
    expect(extractRequirements(posting)).toEqual([
      '5+ years of backend experience',
      'Production experience with Postgres and Kafka',
      'Comfortable with CI/CD and on-call',
      'Node.js',
      'Experience with machine learning pipelines',
    ]);
  });

  it('falls back to lines that read like requirements when there is no such section', () => {
    expect(extractRequirements('We build things.\n- 3 years of experience with React\n- A good sense of humour\nKnowledge of GraphQL is a plus')).toEqual(['3 years of experience with React', 'Knowledge of GraphQL is a plus']);
  });

  it('names the catalog tags the text mentions, by any alias, once each', () => {
    const vocabulary = skillVocabulary(['go', 'typescript', 'kubernetes', 'postgresql', 'kafka', 'ci/cd', 'node.js', 'machine learning', 'rust']);
    expect(extractSkills(posting, vocabulary)).toEqual(['go', 'typescript', 'kubernetes', 'postgresql', 'kafka', 'ci/cd', 'node.js', 'machine learning']);
  });
});
