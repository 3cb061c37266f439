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

// --- Billing's contract for the assistant's usage (defined by billing, published by the assistant) ---
export const assistantUsageTopic = 'assistant.usage.v1';

/**
 * One AI call that costs credits: billing debits `credits` from the user once per
 * `usageId`, however often the event is delivered. Keyed by user id.
 */
export interface AssistantUsageRecordedData {
  readonly usageId: string;
  readonly userId: string;
  /** What the credits paid for, e.g. `cover_letter`, `tailored_cv`, `answer`. */
  readonly feature: string;
  readonly credits: number;
  readonly occurredAt: string;
}
export const AssistantUsageRecorded = defineEvent<AssistantUsageRecordedData>()('jobgraph.assistant.usage.recorded.v1', { domain: 'assistant', topic: assistantUsageTopic });
// --- end of billing's usage contract ---
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

export const assistantJobDescriptionTopic = 'assistant.job-description.v1';

/** A saved job description as it now stands; the pasted text and its title stay in the assistant. */
export interface JobDescriptionData {
  readonly jobDescriptionId: string;
  readonly userId: string;
  /** Pipeline's application it is linked to, or null. */
  readonly applicationId: string | null;
  readonly status: 'saved' | 'linked' | 'unlinked' | 'deleted';
  /** Catalog tags the text names. */
  readonly skills: readonly string[];
  readonly requirementCount: number;
}
export const JobDescriptionChanged = defineEvent<JobDescriptionData>()('jobgraph.assistant.job-description.changed.v1', { domain: 'assistant', topic: assistantJobDescriptionTopic });

export const assistantResumeVersionTopic = 'assistant.resume-version.v1';

/** A resume version as it now stands; its sections (personal data) stay in the assistant. */
export interface ResumeVersionData {
  readonly resumeVersionId: string;
  readonly userId: string;
  readonly isBase: boolean;
  /** The catalog listing a tailored version is for; null for the base. */
  readonly listingId: string | null;
  readonly atsScore: number | null;
  readonly analysisScore: number;
  readonly status: 'saved' | 'deleted';
}
export const ResumeVersionChanged = defineEvent<ResumeVersionData>()('jobgraph.assistant.resume-version.changed.v1', { domain: 'assistant', topic: assistantResumeVersionTopic });

/** A candidate chose whether employers may find them (AS-21); contact details never leave the assistant. */
export interface CandidateDiscoveryData {
  readonly profileId: string;
  readonly userId: string;
  readonly discoverable: boolean;
  readonly sharesContact: boolean;
}
export const CandidateDiscoveryChanged = defineEvent<CandidateDiscoveryData>()('jobgraph.assistant.career-profile.discovery-changed.v1', profile);
