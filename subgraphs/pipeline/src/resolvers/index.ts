import type { PipelineDeps } from '../domain/deps.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { Application } from './application.ts';
import { ApplicationStage } from './application-stage.ts';
import { ApplicationStageChange } from './application-stage-change.ts';
import { JobListing } from './job-listing.ts';
import { applicationMutations } from './mutation-application.ts';
import { taskMutations } from './mutation-task.ts';
// h8
import { applicationEditMutations } from './mutation-application-edit.ts';
import { personalTaskMutations } from './mutation-personal-task.ts';
import { stageMutations } from './mutation-stage.ts';
import { application } from './query-application.ts';
import { Task } from './task.ts';
import { userResolvers } from './user.ts';
// h8: timeline, calendar
import { applicationCalendarEvents, CalendarEvent, CalendarFeed, calendarMutations, calendarUserResolvers } from './calendar.ts';
import { timelineMutations } from './timeline/mutation-timeline.ts';
import { pipelineStatsResolvers } from './pipeline-stats.ts';
import { Comparison, SavedJob, shortlistMutations, shortlistUserResolvers } from './shortlist.ts';
import { applicationContacts, OutreachContact, OutreachMessage, outreachMutations } from './outreach.ts';
import * as timeline from './timeline/timeline-entry.ts';
// ---- Email ingestion (issue 9) ----
import { emailForwardingResolvers, emailUserResolvers, InboundEmail, TrustedSender, type EmailSettings } from './email-forwarding.ts';
import { emailMutations } from './email-mutations.ts';
// ---- end email ingestion ----

export function createResolvers(deps: PipelineDeps, email: EmailSettings, calendar: { readonly feedUrl: string }): Resolvers {
  return {
    Query: { application },
    Mutation: {
      ...applicationMutations(deps),
      ...taskMutations(deps),
      // h8
      ...applicationEditMutations(deps),
      ...stageMutations(deps),
      ...personalTaskMutations(deps),
      ...timelineMutations(deps),
      ...calendarMutations(deps, calendar.feedUrl),
      ...outreachMutations(deps),
      ...shortlistMutations(deps),
      // email ingestion
      ...emailMutations(deps),
    },
    User: { ...userResolvers(deps), ...calendarUserResolvers(deps), ...shortlistUserResolvers, ...pipelineStatsResolvers(deps), /* email ingestion: */ ...emailUserResolvers(deps) },
    JobListing,
    Application: { ...Application, timeline: timeline.applicationTimeline, calendarEvents: applicationCalendarEvents, contacts: applicationContacts },
    ApplicationStage,
    ApplicationStageChange,
    Task,
    TimelineEntry: timeline.TimelineEntry,
    TimelinePayload: timeline.TimelinePayload,
    TimelineNote: timeline.TimelineNote,
    TimelineStageChange: timeline.TimelineStageChange,
    TimelineInterview: timeline.TimelineInterview,
    TimelineOffer: timeline.TimelineOffer,
    TimelineFollowUp: timeline.TimelineFollowUp,
    TimelineEmail: timeline.TimelineEmail,
    CalendarEvent,
    CalendarFeed,
    OutreachContact,
    OutreachMessage,
    SavedJob,
    Comparison,
    // ---- Email ingestion (issue 9) ----
    EmailForwarding: emailForwardingResolvers(deps, email),
    TrustedSender,
    InboundEmail,
  };
}
