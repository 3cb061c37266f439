import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { NewEducationEntry, NewProject, NewWorkExperience } from '../db/types.ts';
import { EntryReader, calendarDate, maxHistoryEntries } from './history-entry-rules.ts';

/** The fields of an entry as the user sent them; `id` keeps an existing entry, none adds one. */
export interface EducationInput {
  readonly id?: string | null;
  readonly institution: string;
  readonly degree?: string | null;
  readonly fieldOfStudy?: string | null;
  readonly startDate?: Date | string | null;
  readonly endDate?: Date | string | null;
  readonly isCurrent?: boolean | null;
  readonly grade?: string | null;
}

export interface WorkExperienceInput {
  readonly id?: string | null;
  readonly company: string;
  readonly role: string;
  readonly location?: string | null;
  readonly startDate?: Date | string | null;
  readonly endDate?: Date | string | null;
  readonly isCurrent?: boolean | null;
  readonly description?: string | null;
  readonly achievements?: readonly string[] | null;
  readonly skillsUsed?: readonly string[] | null;
}

export interface ProjectInput {
  readonly id?: string | null;
  readonly title: string;
  readonly description: string;
  readonly technologies?: readonly string[] | null;
  readonly url?: string | null;
}

/** An entry's columns without owner and position, which saving adds. */
export type EntryFields<Row> = Omit<Row, 'user_id' | 'position' | 'created_at' | 'updated_at'> & { readonly id?: string | undefined };

function parseEntries<In extends { readonly id?: string | null }, Out>(
  entries: readonly In[],
  parseOne: (entry: In, reader: EntryReader) => Out,
): Outcome<EntryFields<Out>[]> {
  const errors: UserError[] = [];
  if (entries.length > maxHistoryEntries) {
    errors.push(userError('TOO_MANY_ITEMS', `Give at most ${maxHistoryEntries} entries.`, ['input', 'entries']));
  }
  const seen = new Set<string>();
  const parsed = entries.map((entry, index) => {
    const reader = new EntryReader(index);
    const fields = parseOne(entry, reader);
    errors.push(...reader.errors);
    const id = entry.id?.toLowerCase();
    if (id !== undefined) {
      if (seen.has(id)) errors.push(userError('DUPLICATE', 'Each entry may appear once.', ['input', 'entries', String(index), 'id']));
      seen.add(id);
    }
    return { ...fields, ...(id === undefined ? {} : { id }) };
  });
  return errors.length > 0 ? fail(...errors) : succeed(parsed);
}

type EducationFields = Omit<NewEducationEntry, 'id' | 'user_id' | 'position' | 'created_at' | 'updated_at'>;
type WorkExperienceFields = Omit<NewWorkExperience, 'id' | 'user_id' | 'position' | 'created_at' | 'updated_at'>;
type ProjectFields = Omit<NewProject, 'id' | 'user_id' | 'position' | 'created_at' | 'updated_at'>;

export function parseEducation(entries: readonly EducationInput[]): Outcome<EntryFields<EducationFields>[]> {
  return parseEntries(entries, (entry, read): EducationFields => {
    const startDate = calendarDate(entry.startDate);
    const endDate = calendarDate(entry.endDate);
    const isCurrent = entry.isCurrent ?? false;
    read.period(startDate, endDate, isCurrent);
    return {
      institution: read.line(entry.institution, 'institution', 200, true) ?? '',
      degree: read.line(entry.degree, 'degree', 200),
      field_of_study: read.line(entry.fieldOfStudy, 'fieldOfStudy', 200),
      start_date: startDate,
      end_date: endDate,
      is_current: isCurrent,
      grade: read.line(entry.grade, 'grade', 40),
    };
  });
}

export function parseWorkExperience(entries: readonly WorkExperienceInput[]): Outcome<EntryFields<WorkExperienceFields>[]> {
  return parseEntries(entries, (entry, read): WorkExperienceFields => {
    const startDate = calendarDate(entry.startDate);
    const endDate = calendarDate(entry.endDate);
    const isCurrent = entry.isCurrent ?? false;
    read.period(startDate, endDate, isCurrent);
    return {
      company: read.line(entry.company, 'company', 200, true) ?? '',
      role: read.line(entry.role, 'role', 200, true) ?? '',
      location: read.line(entry.location, 'location', 200),
      start_date: startDate,
      end_date: endDate,
      is_current: isCurrent,
      description: read.paragraphs(entry.description, 'description', 5000),
      achievements: read.list(entry.achievements, 'achievements', 'achievement', 20, 500),
      skills_used: read.list(entry.skillsUsed, 'skillsUsed', 'skill', 30, 50),
    };
  });
}

export function parseProjects(entries: readonly ProjectInput[]): Outcome<EntryFields<ProjectFields>[]> {
  return parseEntries(entries, (entry, read): ProjectFields => ({
    title: read.line(entry.title, 'title', 200, true) ?? '',
    description: read.paragraphs(entry.description, 'description', 5000, true) ?? '',
    technologies: read.list(entry.technologies, 'technologies', 'technology', 30, 50),
    url: read.url(entry.url, 'url'),
  }));
}
