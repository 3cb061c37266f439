/** A mailbox: the address and the display name, each as the message gave it. */
export interface Mailbox {
  /** Lower-cased; empty when the header had no usable address. */
  readonly address: string;
  readonly name: string;
}

/** An inbound message reduced to what classification and storage need: text only, never markup. */
export interface ParsedEmail {
  readonly from: Mailbox;
  /** Every To and Cc address, lower-cased. */
  readonly recipients: readonly string[];
  readonly subject: string;
  /** The plain-text body; an HTML-only body converted to text. */
  readonly text: string;
  /** The Date header; null when absent or unreadable. */
  readonly date: Date | null;
  readonly messageId: string | null;
  /** Attachments are never read or stored, only counted. */
  readonly attachmentCount: number;
}

export const emailClasses = ['confirmation', 'rejection', 'interview', 'offer', 'assessment', 'unrelated'] as const;
export type EmailClass = (typeof emailClasses)[number];

/** A date the message mentions, as written and, when it names a day, that day (YYYY-MM-DD). */
export interface MentionedDate {
  readonly text: string;
  readonly date: string | null;
}

export interface EmailExtraction {
  readonly company: string | null;
  readonly jobTitle: string | null;
  readonly dates: readonly MentionedDate[];
}

export interface Classification extends EmailExtraction {
  readonly kind: EmailClass;
  /** Between 0 and 1. */
  readonly confidence: number;
  /** Why, in words a user can check against the message. */
  readonly reasons: readonly string[];
}

/**
 * Decides what a message means for the user's applications. The rule-based classifier
 * is the default; a model-backed one (through the assistant's provider interface) can
 * take its place behind the same signature.
 */
export interface EmailClassifier {
  classify(email: ParsedEmail): Promise<Classification>;
}
