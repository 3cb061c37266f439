import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    Application: '../db/types.ts#Application as ApplicationRow',
    ApplicationStage: '../db/types.ts#ApplicationStage as ApplicationStageRow',
    ApplicationStageChange: '../db/types.ts#ApplicationStageChange as ApplicationStageChangeRow',
    Task: '../db/types.ts#Task as TaskRow',
    // Email ingestion (issue 9)
    TrustedSender: '../db/types.ts#TrustedSender as TrustedSenderRow',
    InboundEmail: '../db/types.ts#ParsedEmailRow',
    EmailForwarding: '../resolvers/email-forwarding.ts#EmailForwardingParent',
    // h8: timeline, calendar
    TimelineEntry: '../db/types.ts#TimelineEntry as TimelineEntryRow',
    TimelineNote: '../resolvers/timeline/parents.ts#TimelineNoteParent',
    TimelineStageChange: '../resolvers/timeline/parents.ts#TimelineStageChangeParent',
    TimelineInterview: '../resolvers/timeline/parents.ts#TimelineInterviewParent',
    TimelineOffer: '../resolvers/timeline/parents.ts#TimelineOfferParent',
    TimelineFollowUp: '../resolvers/timeline/parents.ts#TimelineFollowUpParent',
    TimelineEmail: '../resolvers/timeline/parents.ts#TimelineEmailParent',
    CalendarEvent: '../db/types.ts#CalendarEvent as CalendarEventRow',
    CalendarFeed: '../resolvers/timeline/parents.ts#CalendarFeedParent',
    OutreachContact: '../db/types.ts#OutreachContact as OutreachContactRow',
    OutreachMessage: '../db/types.ts#OutreachMessage as OutreachMessageRow',
    SavedJob: '../db/types.ts#SavedJob as SavedJobRow',
    Comparison: '../db/types.ts#Comparison as ComparisonRow',
    User: '../resolvers/entity-reference.ts#EntityReference',
    JobListing: '../resolvers/entity-reference.ts#EntityReference',
  },
  scalars: {
    DateTime: 'Date',
    UUID: 'string',
    URL: { input: 'URL', output: 'URL | string' },
    Date: { input: 'Date', output: 'Date | string' },
    Currency: 'string',
    NonNegativeInt: 'number',
  },
});
