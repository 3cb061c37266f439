/**
 * `pnpm events:reference`: renders schema/events/asyncapi.yaml, as the official AsyncAPI
 * parser reads it, into one self-contained HTML page (schema/events/reference.html):
 * every topic with its key, retention and consumer groups, every message with its
 * headers and the fields of its data. `--check` fails when the committed page is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile, type AsyncAPIDocumentInterface, type ChannelInterface, type MessageInterface } from '@asyncapi/parser';

export const asyncapiPath = fileURLToPath(new URL('../../schema/events/asyncapi.yaml', import.meta.url));
export const referencePath = path.join(path.dirname(asyncapiPath), 'reference.html');

export interface ParsedAsyncApi {
  readonly document: AsyncAPIDocumentInterface | undefined;
  /** Errors and warnings only (severity 0 and 1); hints and infos are left out. */
  readonly problems: readonly string[];
}

export async function parseAsyncApi(file = asyncapiPath): Promise<ParsedAsyncApi> {
  const { document, diagnostics } = await fromFile(new Parser(), file).parse();
  const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
  return { document, problems };
}

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

interface JsonSchema {
  type?: string | string[];
  format?: string;
  const?: unknown;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
}

function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  if (schema.const !== undefined) return `const ${JSON.stringify(schema.const)}`;
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items)}`;
  const base = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return schema.format ? `${base} (${schema.format})` : base;
}

function dataFields(message: MessageInterface): string {
  // A payload in a named schema format is `{ schemaFormat, schema }`; the JSON Schema is inside.
  const payload = message.payload()?.json() as { schema?: JsonSchema; properties?: { data?: JsonSchema } } | undefined;
  const data = (payload?.schema?.properties as { data?: JsonSchema } | undefined)?.data ?? payload?.properties?.data;
  const rows = Object.entries(data?.properties ?? {}).map(
    ([name, schema]) => `<tr><td><code>${escape(name)}</code></td><td>${escape(typeOf(schema))}</td><td>${data?.required?.includes(name) ? 'yes' : ''}</td></tr>`,
  );
  return `<table><tr><th>data field</th><th>type</th><th>required</th></tr>${rows.join('')}</table>`;
}

function renderMessage(message: MessageInterface): string {
  const key = (message.bindings().get('kafka')?.value() as { key?: { description?: string } } | undefined)?.key?.description;
  const headers = Object.keys((message.headers()?.json() as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  return `<section class="message" id="${escape(message.name())}">
<h4><code>${escape(message.name())}</code> <small>${escape(message.title())}</small></h4>
<p>${escape(message.summary())}</p>
<p>Key: ${escape(key)} · Headers: ${headers.map((h) => `<code>${escape(h)}</code>`).join(', ')} · Content type: <code>${escape(message.contentType())}</code></p>
${dataFields(message)}
</section>`;
}

function renderChannel(document: AsyncAPIDocumentInterface, channel: ChannelInterface): string {
  const kafka = channel.bindings().get('kafka')?.value() as { partitions?: number; topicConfiguration?: Record<string, unknown> } | undefined;
  const config = Object.entries(kafka?.topicConfiguration ?? {}).map(([name, value]) => `<code>${escape(name)}=${escape(Array.isArray(value) ? value.join(',') : value)}</code>`);
  const operations = document
    .operations()
    .all()
    .filter((operation) => operation.channels().all().some((c) => c.address() === channel.address()));
  const groups = operations.filter((op) => op.action() === 'receive').map((op) => (op.bindings().get('kafka')?.value() as { groupId?: { const?: string } } | undefined)?.groupId?.const ?? '');
  const messages = channel.messages().all();
  return `<section class="channel" id="${escape(channel.address())}">
<h3><code>${escape(channel.address())}</code></h3>
<p>${escape(channel.description())}</p>
<p>Partitions: ${escape(kafka?.partitions)} · Topic config: ${config.join(' ')}</p>
<p>Consumer groups: ${groups.length ? groups.map((g) => `<code>${escape(g)}</code>`).join(', ') : 'none (analysts and operators read it)'}</p>
${messages.length ? messages.map(renderMessage).join('\n') : '<p>Records keep the failed message’s key, value and headers.</p>'}
</section>`;
}

export function renderReference(document: AsyncAPIDocumentInterface): string {
  const channels = document.channels().all();
  const toc = channels.map((channel) => `<li><a href="#${escape(channel.address())}"><code>${escape(channel.address())}</code></a> — ${channel.messages().all().map((m) => escape(m.title())).join(', ') || 'dead letters'}</li>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info().title())} — reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}.channel{border-top:2px solid #333;margin-top:2rem}.message{margin-left:1rem}</style>
</head><body>
<h1>${escape(document.info().title())} <small>${escape(document.info().version())}</small></h1>
<p>Generated by <code>pnpm events:reference</code> from <code>schema/events/asyncapi.yaml</code> (AsyncAPI ${escape(document.version())}). Do not edit by hand.</p>
<p>${escape(document.info().description())}</p>
<h2>Topics</h2><ul>${toc.join('')}</ul>
${channels.map((channel) => renderChannel(document, channel)).join('\n')}
</body></html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { document, problems } = await parseAsyncApi();
  if (!document || problems.length > 0) {
    console.error(`schema/events/asyncapi.yaml does not parse cleanly:\n${problems.join('\n')}`);
    process.exit(1);
  }
  const html = renderReference(document);
  if (process.argv.includes('--check')) {
    const stale = readFileSync(referencePath, 'utf8') !== html;
    console.log(stale ? 'schema/events/reference.html is stale: run pnpm events:reference' : 'schema/events/reference.html is up to date');
    process.exit(stale ? 1 : 0);
  }
  writeFileSync(referencePath, html);
  console.log(`wrote ${path.relative(process.cwd(), referencePath)} (${document.channels().all().length} topics, ${document.components().messages().all().length} message types)`);
}
