import { defineEvent } from '../events/cloud-event.ts';

export const assistantCareerProfileTopic = 'assistant.career-profile.v1';
const profile = { domain: 'assistant', topic: assistantCareerProfileTopic };

export interface CareerProfileData {
  readonly profileId: string;
  readonly userId: string;
  readonly skills: readonly string[];
  readonly openToWork: boolean;
  readonly remotePreference: 'onsite' | 'hybrid' | 'remote' | 'any';
  readonly yearsOfExperience: number | null;
}
export const CareerProfileCreated = defineEvent<CareerProfileData>()('jobgraph.assistant.career-profile.created.v1', profile);
export const CareerProfileUpdated = defineEvent<CareerProfileData>()('jobgraph.assistant.career-profile.updated.v1', profile);
