import { defineEvent } from '../events/cloud-event.ts';

/** Topic of the user aggregate; keyed by user id. */
export const identityUserTopic = 'identity.user.v1';
const identity = { domain: 'identity', topic: identityUserTopic };

export interface UserRegisteredData {
  readonly userId: string;
  readonly roles: readonly ('candidate' | 'employer' | 'recruiter' | 'admin')[];
  readonly registeredAt: string;
}

/** Someone signed up. Billing opens their Free subscription, pipeline their stages, assistant their profile. */
export const UserRegistered = defineEvent<UserRegisteredData>()('jobgraph.identity.user.registered.v1', identity);

export interface UserErasedData {
  readonly userId: string;
  readonly erasedAt: string;
}

/** The user asked to be forgotten. Every domain deletes or anonymizes what it holds about them. */
export const UserErased = defineEvent<UserErasedData>()('jobgraph.identity.user.erased.v1', identity);
