import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    User: '../resolvers/user.ts#UserReference',
    JobListing: '../resolvers/fit.ts#JobListingReference',
    CareerProfile: '../domain/career-profile.ts#CareerProfileView',
    CareerPreferences: '../domain/career-profile.ts#CareerProfileView',
    EducationEntry: '../db/types.ts#EducationEntry as EducationEntryRow',
    WorkExperience: '../db/types.ts#WorkExperience as WorkExperienceRow',
    Project: '../db/types.ts#Project as ProjectRow',
    FitScore: '../domain/fit/fit-view.ts#FitView',
    FitFactor: '../domain/fit/fit-inputs.ts#FitFactor as FitFactorValue',
    JobMatch: '../domain/fit/fit-view.ts#JobMatchView',
    Document: '../db/types.ts#Document as DocumentRow',
    ParsedCv: '../domain/cv/parse-cv.ts#ParsedCv as ParsedCvValue',
    ParsedCvContact: '../domain/cv/cv-contact.ts#CvContact',
    ParsedCvExperience: '../domain/cv/cv-history.ts#CvExperience',
    ParsedCvEducation: '../domain/cv/cv-history.ts#CvEducation',
    ParsedCvSkill: '../domain/cv/cv-skills.ts#CvSkill',
    JobDescription: '../db/types.ts#JobDescription as JobDescriptionRow',
    ResumeVersion: '../db/types.ts#ResumeVersion as ResumeVersionRow',
    ResumeAnalysis: '../domain/resumes/resume-analysis.ts#ResumeAnalysis as ResumeAnalysisValue',
  },
  scalars: {
    DateTime: 'Date',
    Date: { input: 'Date', output: 'string' },
    URL: { input: 'URL', output: 'string' },
    UUID: 'string',
    Currency: 'string',
    JSONObject: 'Record<string, unknown>',
  },
});
