import type { EducationEntryResolvers, ProjectResolvers, WorkExperienceResolvers } from '../generated/resolvers.ts';

export const EducationEntry: EducationEntryResolvers = {
  id: (entry) => entry.id,
  institution: (entry) => entry.institution,
  degree: (entry) => entry.degree,
  fieldOfStudy: (entry) => entry.field_of_study,
  startDate: (entry) => entry.start_date,
  endDate: (entry) => entry.end_date,
  isCurrent: (entry) => entry.is_current,
  grade: (entry) => entry.grade,
};

export const WorkExperience: WorkExperienceResolvers = {
  id: (entry) => entry.id,
  company: (entry) => entry.company,
  role: (entry) => entry.role,
  location: (entry) => entry.location,
  startDate: (entry) => entry.start_date,
  endDate: (entry) => entry.end_date,
  isCurrent: (entry) => entry.is_current,
  description: (entry) => entry.description,
  achievements: (entry) => entry.achievements,
  skillsUsed: (entry) => entry.skills_used,
};

export const Project: ProjectResolvers = {
  id: (project) => project.id,
  title: (project) => project.title,
  description: (project) => project.description,
  technologies: (project) => project.technologies,
  url: (project) => project.url,
};
