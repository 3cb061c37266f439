export * from './jobs/job-queue.ts';
