import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { dataOf, refusedAtTheEdge } from './graphql-client.ts';
import { apply, move } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** The application timeline (PI-08, PI-12), the calendar and its iCalendar feed (PI-16), through the gateway. */
/** Pipeline's own events reach it in-process: the follow-up tasks a creation or a move calls for land in the timeline. */
const story = useStory({ events: () => createInProcessTransport(createLogger('events', 'silent')) });

interface UserErrorData {
  readonly code: string;
  readonly field: readonly string[];
}
type Payload<K extends string> = Record<K, { readonly errors: readonly UserErrorData[] } & Record<string, unknown>>;

const mutate = async <K extends string>(member: Member, key: K, query: string, variables: Record<string, unknown>) => dataOf(await member.request<Payload<K>>(query, variables))[key];

const track = async (member: Member, title: string) => {
  const result = dataOf(await member.request<{ createApplication: { application: { id: string } | null; errors: UserErrorData[] } }>(apply, { input: { manualJob: { title, companyName: `${title} AG` } } }));
  expect(result.createApplication.errors).toEqual([]);
  return result.createApplication.application?.id ?? '';
};

const entryFields = /* GraphQL */ `
  id kind author editable editedAt occurredAt
  payload {
    __typename
    ... on TimelineNote { text }
    ... on TimelineStageChange { fromStage { kind } toStage { kind } note }
    ... on TimelineInterview { event { id title } eventKind startsAt endsAt }
    ... on TimelineOffer { salary { currency } }
    ... on TimelineFollowUp { reason task { id kind } }
  }
`;
const timelineQuery = /* GraphQL */ `
  query ($id: UUID!, $first: Int, $after: String) {
    application(id: $id) { timeline(first: $first, after: $after) { edges { node { ${entryFields} } } pageInfo { hasNextPage endCursor } } }
  }
`;
interface Entry {
  id: string;
  kind: string;
  author: string;
  editable: boolean;
  editedAt: string | null;
  payload: Record<string, unknown> & { __typename: string };
}
interface TimelineData {
  application: { timeline: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null } | null;
}
const timelineOf = async (member: Member, id: string, first = 20, after?: string | null) => dataOf(await member.request<TimelineData>(timelineQuery, { id, first, after })).application?.timeline ?? null;

const addNote = `mutation ($i: AddTimelineNoteInput!) { addTimelineNote(input: $i) { entry { ${entryFields} } errors { code field } } }`;
const editNote = `mutation ($i: UpdateTimelineNoteInput!) { updateTimelineNote(input: $i) { entry { ${entryFields} } errors { code field } } }`;
const dropNote = `mutation ($i: TimelineEntryIdInput!) { deleteTimelineNote(input: $i) { entry { id } errors { code field } } }`;

const eventFields = 'id kind title startsAt endsAt location meetingUrl notes reminderMinutes application { id }';
const createEvent = `mutation ($i: CreateCalendarEventInput!) { createCalendarEvent(input: $i) { event { ${eventFields} } errors { code field } } }`;
const updateEvent = `mutation ($i: UpdateCalendarEventInput!) { updateCalendarEvent(input: $i) { event { ${eventFields} } errors { code field } } }`;
const deleteEvent = `mutation ($i: CalendarEventIdInput!) { deleteCalendarEvent(input: $i) { event { id } errors { code field } } }`;
const rotateFeed = 'mutation { rotateCalendarFeed { url feed { createdAt lastFetchedAt } errors { code } } }';
const revokeFeed = 'mutation { revokeCalendarFeed { url feed { createdAt } errors { code field } } }';
const calendarQuery = `{ viewer { calendarEvents(first: 20) { edges { node { ${eventFields} } } } calendarFeed { createdAt lastFetchedAt } tasks(first: 20) { edges { node { kind title dueAt } } } } }`;
interface CalendarData {
  viewer: {
    calendarEvents: { edges: { node: { id: string; title: string; startsAt: string; application: { id: string } } }[] };
    calendarFeed: { createdAt: string; lastFetchedAt: string | null } | null;
    tasks: { edges: { node: { kind: string; title: string; dueAt: string | null } }[] };
  };
}
const calendarOf = async (member: Member) => dataOf(await member.request<CalendarData>(calendarQuery)).viewer;

/** An instant `n` hours from now, to the whole minute (iCalendar keeps seconds, not milliseconds). */
const hours = (n: number) => new Date(Math.floor((Date.now() + n * 3_600_000) / 60_000) * 60_000).toISOString();

/** Fetches a feed address the way a calendar app does: a bare GET, at the gateway's origin. */
async function subscribe(feedUrl: string): Promise<Response> {
  const at = new URL(feedUrl);
  return fetch(new URL(`${at.pathname}${at.search}`, story().stack.gatewayUrl));
}

describe('the application timeline (PI-08, PI-12)', () => {
  it('records stage changes and offers as they happen, and lets the user add, edit and delete only their own notes', async () => {
    const ada = await story().candidate('Ada Timeline');
    const id = await track(ada, 'Chronicle');
    const moved = dataOf(await ada.request<{ moveApplication: { errors: UserErrorData[] } }>(move, { input: { applicationId: id, stageId: await stageIdOf(ada, 'OFFER'), note: 'They called!' } }));
    expect(moved.moveApplication.errors).toEqual([]);

    const noted = await mutate(ada, 'addTimelineNote', addNote, { i: { applicationId: id, text: '  Sent the portfolio  ', occurredAt: hours(-1) } });
    expect(noted.errors).toEqual([]);
    const note = noted['entry'] as Entry;
    expect(note).toMatchObject({ kind: 'NOTE', author: 'USER', editable: true, payload: { __typename: 'TimelineNote', text: 'Sent the portfolio' } });

    // The tasks the creation into Applied and the move into Offer called for reach the timeline through Kafka, by the system.
    const all = await eventually(
      async () => {
        const nodes = (await timelineOf(ada, id))?.edges.map((e) => e.node) ?? [];
        return nodes.filter((e) => e.kind === 'FOLLOW_UP').length === 2 && nodes;
      },
      20_000,
      250,
    );
    const followUps = all.filter((e) => e.kind === 'FOLLOW_UP');
    expect(followUps.map((e) => `${e.author}:${String(e.payload['reason'])}:${(e.payload['task'] as { kind: string }).kind}`).sort()).toEqual(['SYSTEM:STAGE:APPLICATION_FOLLOW_UP', 'SYSTEM:STAGE:OFFER_RESPONSE']);

    // Newest first: the move and the offer it reached (one instant), the creation, then the note dated an hour ago.
    const entries = all.filter((e) => e.kind !== 'FOLLOW_UP');
    expect(entries.slice(0, 2).map((e) => `${e.kind}:${e.author}:${e.payload.__typename}`).sort()).toEqual(['OFFER:USER:TimelineOffer', 'STAGE_CHANGE:USER:TimelineStageChange']);
    expect(entries.slice(2).map((e) => [e.kind, e.author, e.payload.__typename])).toEqual([
      ['STAGE_CHANGE', 'USER', 'TimelineStageChange'],
      ['NOTE', 'USER', 'TimelineNote'],
    ]);
    const stageEntries = entries.filter((e) => e.kind === 'STAGE_CHANGE');
    expect(stageEntries.map((e) => e.payload)).toEqual([
      { __typename: 'TimelineStageChange', fromStage: { kind: 'APPLIED' }, toStage: { kind: 'OFFER' }, note: 'They called!' },
      { __typename: 'TimelineStageChange', fromStage: null, toStage: { kind: 'APPLIED' }, note: null },
    ]);
    expect(entries.every((e) => e.editable === (e.kind === 'NOTE'))).toBe(true);

    // Pages: two at a time, newest first, the cursor carries on where the page ended.
    const pages = [await timelineOf(ada, id, 4)];
    pages.push(await timelineOf(ada, id, 4, pages[0]?.pageInfo.endCursor));
    expect(pages.flatMap((page) => page?.edges ?? []).map((e) => e.node.id)).toEqual(all.map((e) => e.id));
    expect(pages.map((page) => page?.pageInfo.hasNextPage)).toEqual([true, false]);

    const edited = await mutate(ada, 'updateTimelineNote', editNote, { i: { entryId: note.id, text: 'Sent the portfolio and two references' } });
    expect(edited['entry']).toMatchObject({ payload: { text: 'Sent the portfolio and two references' }, editedAt: expect.any(String) });
    const stageEntry = stageEntries[0]?.id;
    expect((await mutate(ada, 'updateTimelineNote', editNote, { i: { entryId: stageEntry, text: 'rewrite history' } })).errors).toEqual([{ code: 'NOT_EDITABLE', field: ['input', 'entryId'] }]);
    expect((await mutate(ada, 'deleteTimelineNote', dropNote, { i: { entryId: stageEntry } })).errors).toEqual([{ code: 'NOT_EDITABLE', field: ['input', 'entryId'] }]);

    expect((await mutate(ada, 'addTimelineNote', addNote, { i: { applicationId: id, text: '   ' } })).errors).toEqual([{ code: 'INVALID_TEXT', field: ['input', 'text'] }]);
    expect((await mutate(ada, 'addTimelineNote', addNote, { i: { applicationId: id, text: 'later', occurredAt: hours(24) } })).errors).toEqual([{ code: 'DATE_IN_FUTURE', field: ['input', 'occurredAt'] }]);
    expect((await mutate(ada, 'addTimelineNote', addNote, { i: { applicationId: id, text: 'x'.repeat(5001) } })).errors).toEqual([{ code: 'TOO_LONG', field: ['input', 'text'] }]);
    expect(refusedAtTheEdge(await ada.request(addNote, { i: { applicationId: id, text: 'a\u0000b' } }))).toBe('BAD_USER_INPUT');

    expect((await mutate(ada, 'deleteTimelineNote', dropNote, { i: { entryId: note.id } })).errors).toEqual([]);
    const after = (await timelineOf(ada, id))?.edges.map((e) => e.node.kind);
    expect(after?.sort()).toEqual(['FOLLOW_UP', 'FOLLOW_UP', 'OFFER', 'STAGE_CHANGE', 'STAGE_CHANGE']);
  });
});

async function stageIdOf(member: Member, kind: string): Promise<string> {
  const stages = dataOf(await member.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }')).viewer.applicationStages;
  return stages.find((s) => s.kind === kind)?.id ?? '';
}

describe('the calendar (PI-16) and its generated tasks (PI-18)', () => {
  it('schedules an interview with a place, a link and reminders; it lands in the timeline and asks for preparation', async () => {
    const ada = await story().candidate('Ada Calendar');
    const id = await track(ada, 'Interviewly');
    const startsAt = hours(72);
    const made = await mutate(ada, 'createCalendarEvent', createEvent, {
      i: { applicationId: id, kind: 'INTERVIEW', title: 'Onsite with the team', startsAt, endsAt: hours(74), location: 'Alexanderplatz 1, Berlin', meetingUrl: 'https://meet.example.com/abc', reminderMinutes: [1440, 30] },
    });
    expect(made.errors).toEqual([]);
    const event = made['event'] as { id: string };
    expect(made['event']).toMatchObject({ kind: 'INTERVIEW', location: 'Alexanderplatz 1, Berlin', meetingUrl: 'https://meet.example.com/abc', reminderMinutes: [30, 1440], application: { id } });

    const view = await calendarOf(ada);
    expect(view.calendarEvents.edges.map((e) => e.node.id)).toEqual([event.id]);
    expect(view.tasks.edges.map((e) => e.node)).toContainEqual({ kind: 'INTERVIEW_PREPARATION', title: 'Prepare for: Onsite with the team', dueAt: new Date(Date.parse(startsAt) - 86_400_000).toISOString() });
    const entries = (await timelineOf(ada, id))?.edges.map((e) => e.node) ?? [];
    expect(entries[0]).toMatchObject({ kind: 'INTERVIEW', editable: false, payload: { event: { id: event.id, title: 'Onsite with the team' }, eventKind: 'INTERVIEW', startsAt } });

    const outOfOrder = await mutate(ada, 'createCalendarEvent', createEvent, { i: { applicationId: id, kind: 'DEADLINE', title: 'Take-home due', startsAt: hours(10), endsAt: hours(9) } });
    expect(outOfOrder).toEqual({ event: null, errors: [{ code: 'DATES_OUT_OF_ORDER', field: ['input', 'endsAt'] }] });
    const moveStartPastEnd = await mutate(ada, 'updateCalendarEvent', updateEvent, { i: { eventId: event.id, startsAt: hours(80) } });
    expect(moveStartPastEnd).toEqual({ event: null, errors: [{ code: 'DATES_OUT_OF_ORDER', field: ['input', 'startsAt'] }] });
    const badLink = await mutate(ada, 'createCalendarEvent', createEvent, { i: { applicationId: id, kind: 'OTHER', title: 'x', startsAt: hours(1), endsAt: hours(2), meetingUrl: 'ftp://files.example.com' } });
    expect(badLink.errors).toEqual([{ code: 'INVALID_URL', field: ['input', 'meetingUrl'] }]);

    const newStart = hours(96);
    const moved = await mutate(ada, 'updateCalendarEvent', updateEvent, { i: { eventId: event.id, startsAt: newStart, endsAt: hours(97), location: null } });
    expect(moved).toMatchObject({ event: { startsAt: newStart, location: null, title: 'Onsite with the team' }, errors: [] });
    const prep = (await calendarOf(ada)).tasks.edges.find((e) => e.node.kind === 'INTERVIEW_PREPARATION');
    expect(prep?.node.dueAt).toBe(new Date(Date.parse(newStart) - 86_400_000).toISOString());

    expect((await mutate(ada, 'deleteCalendarEvent', deleteEvent, { i: { eventId: event.id } })).errors).toEqual([]);
    const gone = await calendarOf(ada);
    expect(gone.calendarEvents.edges).toEqual([]);
    expect(gone.tasks.edges.map((e) => e.node.kind)).not.toContain('INTERVIEW_PREPARATION');
  });

  it('serves a private iCalendar feed a calendar app subscribes to, and answers a guessed, rotated or revoked address 404', async () => {
    const ada = await story().candidate('Ada Feed');
    const id = await track(ada, 'Feedly');
    const startsAt = hours(48);
    await mutate(ada, 'createCalendarEvent', createEvent, { i: { applicationId: id, kind: 'PHONE_SCREEN', title: 'Call with the recruiter', startsAt, endsAt: hours(48.5), meetingUrl: 'https://call.example.com/x', reminderMinutes: [15] } });
    expect((await calendarOf(ada)).calendarFeed).toBeNull();

    const rotated = await mutate(ada, 'rotateCalendarFeed', rotateFeed, {});
    const url = String(rotated['url']);
    expect(url).toMatch(/\/calendar\/feed\.ics\?token=[A-Za-z0-9_-]{43}$/);

    const answer = await subscribe(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await answer.text()));
    expect(calendar.name).toBe('vcalendar');
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString()])).toEqual([['Call with the recruiter', startsAt]]);
    expect(events[0]?.component.getFirstPropertyValue('url')).toBe('https://call.example.com/x');
    const alarm = events[0]?.component.getFirstSubcomponent('valarm');
    expect(String(alarm?.getFirstPropertyValue('trigger'))).toBe('-PT15M');
    expect((await calendarOf(ada)).calendarFeed?.lastFetchedAt).toEqual(expect.any(String));

    // Another user's feed holds only their own events.
    const eve = await story().candidate('Eve Feed');
    const evesUrl = String((await mutate(eve, 'rotateCalendarFeed', rotateFeed, {}))['url']);
    const evesFeed = new ICAL.Component(ICAL.parse(await (await subscribe(evesUrl)).text()));
    expect(evesFeed.getAllSubcomponents('vevent')).toEqual([]);

    const guessedToken = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    const refusals = [
      await subscribe(url.replace(/token=.*/, `token=${guessedToken}`)),
      await subscribe(url.replace(/token=.*/, 'token=short')),
      await subscribe(url.replace(/\?token=.*/, '')),
      await subscribe(url.replace(/token=.*/, `token=${guessedToken}'%20or%201=1--`)),
    ];
    const bodies = await Promise.all(refusals.map(async (r) => [r.status, await r.text()] as const));
    for (const [status, body] of bodies) {
      expect(status).toBe(404);
      expect(body).not.toMatch(/VCALENDAR|Feedly|recruiter|ada/i);
    }

    const again = await mutate(ada, 'rotateCalendarFeed', rotateFeed, {});
    expect((await subscribe(url)).status).toBe(404);
    expect((await subscribe(String(again['url']))).status).toBe(200);
    expect((await mutate(ada, 'revokeCalendarFeed', revokeFeed, {})).errors).toEqual([]);
    expect((await subscribe(String(again['url']))).status).toBe(404);
    expect((await mutate(ada, 'revokeCalendarFeed', revokeFeed, {})).errors).toEqual([{ code: 'NOT_FOUND', field: [] }]);
    expect((await calendarOf(ada)).calendarFeed).toBeNull();
  });
});

describe('hostile ids in the timeline and the calendar (answered as not found, nothing changed)', () => {
  it('refuses another user’s application, entry and event ids in every mutation that takes one', async () => {
    const ada = await story().candidate('Ada Private');
    const eve = await story().candidate('Eve Intruder');
    const id = await track(ada, 'Secretive');
    const note = (await mutate(ada, 'addTimelineNote', addNote, { i: { applicationId: id, text: 'salary hint: 95k' } }))['entry'] as Entry;
    const event = (await mutate(ada, 'createCalendarEvent', createEvent, { i: { applicationId: id, kind: 'INTERVIEW', title: 'Final round', startsAt: hours(24), endsAt: hours(25) } }))['event'] as { id: string };
    // Wait for the follow-up the creation called for (through Kafka), so nothing moves under the comparison.
    await eventually(async () => (await timelineOf(ada, id))?.edges.some((e) => e.node.kind === 'FOLLOW_UP'), 20_000, 250);
    const before = { timeline: await timelineOf(ada, id), calendar: await calendarOf(ada) };

    const attempts: [string, string, Record<string, unknown>, string][] = [
      ['addTimelineNote', addNote, { i: { applicationId: id, text: 'pwned' } }, 'applicationId'],
      ['updateTimelineNote', editNote, { i: { entryId: note.id, text: 'pwned' } }, 'entryId'],
      ['deleteTimelineNote', dropNote, { i: { entryId: note.id } }, 'entryId'],
      ['createCalendarEvent', createEvent, { i: { applicationId: id, kind: 'OTHER', title: 'pwned', startsAt: hours(1), endsAt: hours(2) } }, 'applicationId'],
      ['updateCalendarEvent', updateEvent, { i: { eventId: event.id, title: 'pwned' } }, 'eventId'],
      ['deleteCalendarEvent', deleteEvent, { i: { eventId: event.id } }, 'eventId'],
    ];
    for (const [key, query, variables, field] of attempts) {
      const payload = await mutate(eve, key, query, variables);
      expect(payload?.errors, key).toEqual([{ code: 'NOT_FOUND', field: ['input', field] }]);
      expect(JSON.stringify(payload), key).not.toMatch(/95k|Final round/);
    }
    expect(await timelineOf(eve, id)).toBeNull();
    expect({ timeline: await timelineOf(ada, id), calendar: await calendarOf(ada) }).toEqual(before);
    expect((await calendarOf(eve)).calendarEvents.edges).toEqual([]);
  });
});
