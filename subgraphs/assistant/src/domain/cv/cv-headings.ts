/** The sections a CV parser tells apart. */
export type CvSectionKind = 'contact' | 'summary' | 'experience' | 'education' | 'skills' | 'languages' | 'certifications' | 'projects' | 'other';

/** Section headings as CVs write them: English mostly, and German, French, Spanish, Dutch. */
const headings: Readonly<Record<CvSectionKind, readonly string[]>> = {
  contact: ['contact', 'contact details', 'contact information', 'personal details', 'personal information', 'kontakt', 'kontaktdaten', 'persönliche daten', 'coordonnées', 'contacto', 'datos personales', 'contactgegevens'],
  summary: [
    'summary', 'professional summary', 'career summary', 'executive summary', 'profile', 'professional profile', 'personal profile', 'about', 'about me', 'objective', 'career objective',
    'overview', 'profil', 'kurzprofil', 'über mich', 'zusammenfassung', 'résumé', 'à propos', 'perfil', 'perfil profesional', 'resumen', 'sobre mí', 'profiel',
  ],
  experience: [
    'experience', 'work experience', 'professional experience', 'employment', 'employment history', 'work history', 'career history', 'career', 'relevant experience',
    'experience and achievements', 'positions', 'berufserfahrung', 'berufliche erfahrung', 'beruflicher werdegang', 'praxiserfahrung', 'expérience', 'expériences',
    'expérience professionnelle', 'expériences professionnelles', 'parcours professionnel', 'experiencia', 'experiencia laboral', 'experiencia profesional', 'werkervaring',
  ],
  education: [
    'education', 'education and training', 'academic background', 'academic history', 'qualifications', 'academic qualifications', 'education and qualifications', 'studies',
    'ausbildung', 'bildung', 'studium', 'bildungsweg', 'akademischer werdegang', 'formation', 'formations', 'études', 'educación', 'formación', 'formación académica', 'estudios', 'opleiding',
  ],
  skills: [
    'skills', 'key skills', 'technical skills', 'core skills', 'core competencies', 'competencies', 'skills and tools', 'tools', 'technologies', 'tech stack', 'expertise',
    'areas of expertise', 'hard skills', 'skills and abilities', 'kenntnisse', 'fähigkeiten', 'kompetenzen', 'it-kenntnisse', 'fachkenntnisse', 'compétences', 'compétences techniques',
    'habilidades', 'competencias', 'conocimientos', 'vaardigheden',
  ],
  languages: ['languages', 'language skills', 'sprachen', 'sprachkenntnisse', 'langues', 'idiomas', 'talen'],
  certifications: ['certifications', 'certificates', 'licenses and certifications', 'certifications and licenses', 'zertifikate', 'zertifizierungen', 'certificats', 'certificaciones'],
  projects: ['projects', 'selected projects', 'personal projects', 'projekte', 'projets', 'proyectos'],
  other: ['interests', 'hobbies', 'references', 'awards', 'honors', 'honours', 'publications', 'volunteering', 'volunteer experience', 'interessen', 'centres d’intérêt', 'intereses', 'referencias'],
};

const byText = new Map<string, CvSectionKind>();
for (const [kind, names] of Object.entries(headings) as [CvSectionKind, readonly string[]][]) for (const name of names) byText.set(name, kind);

/** The heading's words only: lower case, "&" as "and", without a trailing colon. */
const headingKey = (text: string): string =>
  text.normalize('NFC').toLowerCase().replace(/['’]/g, '’').replace(/\s*&\s*/g, ' and ').replace(/[:\s]+$/u, '').replace(/\s+/g, ' ').trim();

/** Words that name a section inside a heading the list above does not know ("Where I've Worked", "Toolbox"). */
const keywords: readonly (readonly [RegExp, CvSectionKind])[] = [
  [/\b(?:work(?:ed)?|employment|experience|career|jobs|positions)\b/u, 'experience'],
  [/\b(?:education|educational|academic|studies|schooling|degrees?)\b/u, 'education'],
  [/\b(?:skills?|toolbox|tools|stack|competenc(?:e|ies)|expertise|technologies)\b/u, 'skills'],
  [/\b(?:summary|profile|about|objective)\b/u, 'summary'],
  [/\b(?:languages?)\b/u, 'languages'],
  [/\b(?:certifications?|certificates?|licen[cs]es)\b/u, 'certifications'],
  [/\b(?:projects?)\b/u, 'projects'],
  [/\b(?:contact)\b/u, 'contact'],
];

/** Whether a line is set like a heading: at most four words, no digits, upper case, a colon, or every word capitalised. */
function headingLike(text: string): boolean {
  const words = text.replace(/:$/, '').split(/\s+/).filter((w) => w !== '' && w !== '&');
  if (words.length === 0 || words.length > 4 || /[\d@|,.;()]|:./u.test(text)) return false;
  return text === text.toUpperCase() || text.endsWith(':') || words.every((w) => /^[\p{Lu}]/u.test(w) || w.length <= 3);
}

/**
 * The section a line opens: a known heading, else a heading-like line naming one by a
 * keyword (the earliest keyword wins: "Skills Summary" is skills); null otherwise.
 */
export function sectionOf(text: string): CvSectionKind | null {
  if (text.length > 45) return null;
  const key = headingKey(text);
  const known = byText.get(key) ?? byText.get(key.replace(/’/g, "'"));
  if (known) return known;
  if (!headingLike(text)) return null;
  let best: { at: number; kind: CvSectionKind } | null = null;
  for (const [pattern, kind] of keywords) {
    const match = pattern.exec(key);
    if (match && (best === null || match.index < best.at)) best = { at: match.index, kind };
  }
  return best?.kind ?? null;
}
