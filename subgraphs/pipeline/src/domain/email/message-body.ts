import type { Mailbox } from './types.ts';

/**
 * The part of a message that speaks: for a reply, the new text above the quoted one;
 * for a forward, the forwarded message itself (its `>` quoting removed), since that is
 * what the employer wrote.
 */
export function speakingText(subject: string, text: string): string {
  const lines = text.split('\n');
  const forwardAt = lines.findIndex((line) => forwardMarker.test(line));
  if (forwardAt >= 0 || /^\s*(fwd?|wg|tr)\s*:/i.test(subject)) {
    const rest = forwardAt >= 0 ? lines.slice(forwardAt + 1) : lines;
    return rest.map((line) => line.replace(/^\s*(>\s?)+/, '')).join('\n');
  }
  const replyAt = lines.findIndex((line) => replyMarker.test(line) || /^\s*>/.test(line));
  return (replyAt >= 0 ? lines.slice(0, replyAt) : lines).join('\n');
}

/**
 * The original sender of a forwarded message, from the `From:` line of the forwarded
 * block; null when the message is no forward or names none.
 */
export function forwardedSender(subject: string, text: string): Mailbox | null {
  const lines = text.split('\n');
  const forwardAt = lines.findIndex((line) => forwardMarker.test(line));
  if (forwardAt < 0 && !/^\s*(fwd?|wg|tr)\s*:/i.test(subject)) return null;
  for (const line of lines.slice(Math.max(0, forwardAt)).slice(0, 20)) {
    const match = /^\s*(?:>\s*)*(?:from|von|de)\s*:\s*(.*?)\s*<?([^\s<>@]+@[^\s<>@]+?)>?\s*$/i.exec(line);
    if (match?.[2]) return { address: match[2].toLowerCase(), name: (match[1] ?? '').replace(/^"|"$/g, '').trim() };
  }
  return null;
}

const forwardMarker = /^\s*(-+\s*forwarded message\s*-+|begin forwarded message:|-+\s*weitergeleitete nachricht\s*-+|-+\s*message transféré\s*-+)/i;
const replyMarker = /^\s*(on .{4,120} wrote:|am .{4,120} schrieb .{0,80}:|le .{4,120} a écrit\s?:|-{3,}\s*original message\s*-{3,}|from: .+ <?[^\s@]+@[^\s@]+>?\s*$)/i;
