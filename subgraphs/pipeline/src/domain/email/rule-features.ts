import type { EmailClass } from './types.ts';

/** One text feature: a phrase pattern that speaks for a class, with how strongly. */
export interface Feature {
  readonly kind: EmailClass;
  readonly label: string;
  readonly pattern: RegExp;
  readonly weight: number;
}

const f = (kind: EmailClass, weight: number, label: string, pattern: RegExp): Feature => ({ kind, weight, label, pattern });

/**
 * The phrases employers and applicant-tracking systems use, in English, German and
 * French. Weights: 3 a phrase that decides the class on its own, 2 a strong hint, 1 a
 * weak one that only tips a balance. Written from how such mail reads, then checked
 * against the tuning half of the corpus (`pnpm eval:email`).
 */
export const features: readonly Feature[] = [
  // confirmation
  f('confirmation', 2, 'thanks for applying', /\bthanks? (you )?for (applying|your application|submitting your application)\b/i),
  f('confirmation', 3, 'application received', /\b(received your (application|cv|resume)|application (has been |was )?(successfully )?received|confirm(s|ing)? (the )?receipt|(we|i) got your application|confirms that your application|landed safely|application received)\b/i),
  f('confirmation', 1, 'will review', /\b(will|to) (carefully )?(review|assess|pass it on)|reviewing it|review it shortly|reviewed by our hiring team|be in touch|hear back|contact (only )?(candidates|you)\b/i),
  f('confirmation', 3, 'Bewerbung erhalten', /\b(vielen )?dank für (ihre|deine) bewerbung|(unterlagen|bewerbung) (erhalten|eingegangen)|haben (sie|ihre bewerbung|deine bewerbung) erhalten\b/i),
  f('confirmation', 3, 'candidature reçue', /(bien reçu votre candidature|confirmation de votre candidature|accusons réception)/i),
  // rejection
  f('rejection', 3, 'not moving forward', /\b(not|won'?t|will not|unable to|decided not to) (be )?(moving|move|proceed|proceeding|progress|progressing|pursue|pursuing) (forward )?(with )?(your|you)\b|\bnot (be )?(moving|proceed\w*) forward\b/i),
  f('rejection', 3, 'other candidates', /\b(move|moving|proceed|go|going|continue) (forward )?with (other|another|different) (candidates?|applicants?)|offered the (role|position) to another\b/i),
  f('rejection', 3, 'regret / not selected', /\b(regret to inform|not been selected|were not selected|not (be )?offering you|has (now )?been filled|not able to (progress|offer)|close the .{0,60} role|unsuccessful)\b/i),
  f('rejection', 2, 'unfortunately', /\b(unfortunately|sadly|i'?m sorry to say|not the news you were hoping)\b/i),
  f('rejection', 3, 'Absage', /\b(absage|für (eine )?andere (kandidat|bewerber)|nicht (weiter )?berücksichtigen|anderen kandidat)/i),
  f('rejection', 2, 'leider', /\bleider\b/i),
  f('rejection', 3, 'refus', /(au regret|suite favorable|poursuivre avec d'autres|pas été retenue?|ne pas retenir)/i),
  f('rejection', 2, 'malheureusement', /\bmalheureusement\b/i),
  f('rejection', 1, 'best wishes in your search', /\b(wish you (the best|all the best|success|best of luck)|best of luck|alles gute|beaucoup de réussite|future (openings|opportunities))\b/i),
  // interview
  f('interview', 3, 'interview invitation', /\b(invite you (to|for) (an? |a \d+[- ]minute )?(\w+ )?(interview|phone screen|call)|interview (invitation|confirmation)|invitation: .{0,80}interview|your interview .{0,40}(has been )?scheduled|schedule (an? |your )?(\w+ )?(interview|call|phone screen)|shortlisted)\b/i),
  f('interview', 3, 'would like to meet', /\b(would (love|like) to (meet|speak with|talk to) you|like to meet you|love to set up a call|set up a call|availability for|pick a time|select (a few )?times|move you forward|move forward with you|second round|next round|final round interview)\b/i),
  f('interview', 2, 'interview mentioned', /\b(video interview|technical interview|phone screen|onsite|on-site|interviewers?:)\b/i),
  f('interview', 1, 'a time proposed', /\b(\d{1,2}(:\d{2})?\s?(am|pm)|\d{1,2}:\d{2}|calendar invit\w*|are you free)\b/i),
  f('interview', 3, 'Vorstellungsgespräch', /(vorstellungsgespräch|kennenlernen|einladung zum gespräch|zu einem (persönlichen )?gespräch)/i),
  f('interview', 3, 'entretien', /(invitation à un entretien|pour un entretien|vous rencontrer)/i),
  // offer
  f('offer', 3, 'offer extended', /\b(extend (you )?an offer|(pleased|happy|delighted|thrilled) to offer you|like to offer you|offer you the|offer you employment|offer letter|your offer|sent you an offer|review and (e-)?sign|accept the offer|the offer is valid)\b/i),
  f('offer', 1, 'congratulations', /\b(congratulations|congrats|herzlichen glückwunsch|félicitations)\b/i),
  f('offer', 3, 'Vertragsangebot', /(vertragsangebot|arbeitsvertrag|anbieten zu können|angebot für die position)/i),
  f('offer', 3, "proposition d'embauche", /(proposition d['’]embauche|promesse d['’]embauche|offre d['’]emploi pour vous)/i),
  // assessment
  f('assessment', 3, 'assessment or test', /\b(online (coding )?(assessment|test)|coding (assessment|test|challenge)|technical (challenge|assessment|test)|take[- ]home|case study|hackerrank|codility|codesignal|testgorilla|complete (the|a|an) (short )?(test|exercise|assessment))\b/i),
  f('assessment', 2, 'exercise', /\b(exercise|assessment|challenge)\b/i),
  f('assessment', 3, 'Online-Test', /(online-test|eignungstest|testaufgabe|probeaufgabe)/i),
  f('assessment', 3, 'test technique', /(test technique|test en ligne|cas pratique)/i),
  // unrelated
  f('unrelated', 3, 'job alert', /\b(job alert|new jobs|jobs for|jobs in|are hiring|companies hiring|open roles|stellenangebote der woche)\b/i),
  f('unrelated', 2, 'newsletter or marketing', /\b(unsubscribe|abbestellen|se désabonner|manage preferences|newsletter|% off|special offer|discount|register free)\b/i),
  f('unrelated', 3, 'account notice', /\b(reset (the |your )?password|password for your|account has been created|your statement|candidate experience|take the survey)\b/i),
];
