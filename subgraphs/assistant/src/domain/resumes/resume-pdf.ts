import PDFDocument from 'pdfkit';
import type { ResumeSections } from './resume-sections.ts';

/** A resume version as a plain, ATS-friendly PDF (pdfkit: one column, real text, standard fonts). */
export function renderResumePdf(title: string, sections: ResumeSections): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'Jobgraph', CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text.toUpperCase()).moveDown(0.2);
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  if (sections.summary) heading('Summary').font('Helvetica').fontSize(10).text(sections.summary);
  if (sections.experience?.length) {
    heading('Experience');
    for (const job of sections.experience) {
      const period = [job.start, job.end ?? (job.start ? 'Present' : null)].filter(Boolean).join(' – ');
      doc.font('Helvetica-Bold').fontSize(10).text(`${job.role} — ${job.company}${period ? `   ${period}` : ''}`);
      for (const bullet of job.bullets ?? []) doc.font('Helvetica').text(`• ${bullet}`, { indent: 8 });
      doc.moveDown(0.3);
    }
  }
  if (sections.education?.length) {
    heading('Education');
    for (const school of sections.education) doc.font('Helvetica').fontSize(10).text([school.degree, school.school, school.year].filter(Boolean).join(', '));
  }
  if (sections.skills?.length) heading('Skills').font('Helvetica').fontSize(10).text(sections.skills.join(', '));
  if (sections.certifications?.length) heading('Certifications').font('Helvetica').fontSize(10).text(sections.certifications.join(', '));
  doc.end();
  return done;
}
