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

export const assistantDocumentTopic = 'assistant.document.v1';
const document = { domain: 'assistant', topic: assistantDocumentTopic };

/** A document in a user's library as it now stands; no file name or content (they may hold personal data). */
export interface DocumentData {
  readonly documentId: string;
  readonly userId: string;
  readonly kind: 'resume' | 'cover_letter' | 'certificate' | 'other';
  readonly status: 'pending' | 'ready' | 'rejected' | 'deleted';
  readonly isPrimary: boolean;
  /** Sniffed from the bytes; null until the upload is checked. */
  readonly mimeType: string | null;
  readonly sizeBytes: number;
}
export const DocumentChanged = defineEvent<DocumentData>()('jobgraph.assistant.document.changed.v1', document);
