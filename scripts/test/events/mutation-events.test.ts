import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse as parseGraphQL, type ConstDirectiveNode, type FieldDefinitionNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { domains } from '@jobgraph/db';
import { allEventDefinitions } from '@jobgraph/kit';
import { eventSchemaDir } from '@jobgraph/kit/testing';
import { supergraphPath } from '../../src/supergraph.ts';

/**
 * Every mutation either publishes events or says why nothing an analyst reads changes:
 * `schema/events/mutations/<domain>.yaml`, one entry per mutation of that domain.
 */
const mutationsDir = path.join(eventSchemaDir, 'mutations');

type Entry = { readonly events: readonly string[] } | { readonly none: string };

/** Mutation name → owning domain, read from the composed supergraph's join__field directives. */
function supergraphMutations(): Map<string, string> {
  const document = parseGraphQL(readFileSync(supergraphPath, 'utf8'));
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || definition.name.value !== 'Mutation') continue;
    for (const field of definition.fields ?? []) owners.set(field.name.value, ownerOf(field));
  }
  return owners;
}

function ownerOf(field: FieldDefinitionNode): string {
  const join = field.directives?.find((directive: ConstDirectiveNode) => directive.name.value === 'join__field');
  const graph = join?.arguments?.find((argument) => argument.name.value === 'graph')?.value;
  return graph?.kind === Kind.ENUM ? graph.value.toLowerCase() : '(no join__field)';
}

function declaredEntries(): Map<string, { domain: string; entry: unknown }> {
  const entries = new Map<string, { domain: string; entry: unknown }>();
  for (const file of readdirSync(mutationsDir).filter((name) => name.endsWith('.yaml'))) {
    const domain = file.replace(/\.yaml$/, '');
    const parsed = (parseYaml(readFileSync(path.join(mutationsDir, file), 'utf8')) ?? {}) as Record<string, unknown>;
    for (const [mutation, entry] of Object.entries(parsed)) entries.set(mutation, { domain, entry });
  }
  return entries;
}

/** What is wrong with one entry; empty when it is well formed. */
function problemsOf(entry: unknown, domain: string, contractTypes: ReadonlySet<string>): string[] {
  if (typeof entry !== 'object' || entry === null) return ['is not a mapping with `events` or `none`'];
  const keys = Object.keys(entry);
  if (keys.length !== 1 || !['events', 'none'].includes(keys[0] ?? '')) return [`needs exactly one of \`events\` or \`none\`, has [${keys.join(', ')}]`];
  const value = entry as Entry;
  if ('none' in value) return typeof value.none === 'string' && value.none.trim().length >= 15 ? [] : ['`none` needs a reason an analyst can read'];
  if (!Array.isArray(value.events) || value.events.length === 0) return ['`events` must list at least one event type'];
  return value.events.flatMap((type) => {
    if (!contractTypes.has(type)) return [`names ${type}, which no contract declares`];
    if (!type.startsWith(`jobgraph.${domain}.`)) return [`names ${type}, which the ${domain} subgraph cannot publish (it is another domain's)`];
    return [];
  });
}

describe('every mutation publishes its event, or says why it need not', () => {
  const mutations = supergraphMutations();
  const entries = declaredEntries();
  const contractTypes = new Set(allEventDefinitions.map((definition) => definition.type));

  it('finds the mutations of the supergraph and a file per domain', () => {
    expect(mutations.size).toBeGreaterThan(10);
    expect(readdirSync(mutationsDir).filter((name) => name.endsWith('.yaml')).sort()).toEqual([...domains].map((domain) => `${domain}.yaml`).sort());
  });

  it('has an entry for every mutation, in the file of the domain that owns it', () => {
    const missing = [...mutations].filter(([name, domain]) => entries.get(name)?.domain !== domain).map(([name, domain]) => `${name} (${domain}): add it to schema/events/mutations/${domain}.yaml`);
    expect(missing).toEqual([]);
  });

  it('has no entry for a mutation the supergraph does not have', () => {
    const stale = [...entries.keys()].filter((name) => !mutations.has(name));
    expect(stale).toEqual([]);
  });

  it('names only event types a contract declares, of the mutation’s own domain, or gives a reason', () => {
    const problems = [...entries].flatMap(([name, { domain, entry }]) => problemsOf(entry, domain, contractTypes).map((problem) => `${domain}.yaml ${name}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('rejects an entry that names an unknown event, another domain’s event, or no reason', () => {
    expect(problemsOf({ events: ['jobgraph.catalog.company.renamed.v1'] }, 'catalog', contractTypes)).toEqual(['names jobgraph.catalog.company.renamed.v1, which no contract declares']);
    expect(problemsOf({ events: ['jobgraph.identity.user.registered.v1'] }, 'catalog', contractTypes)[0]).toMatch(/another domain/);
    expect(problemsOf({ none: '' }, 'catalog', contractTypes)).toHaveLength(1);
    expect(problemsOf({ events: [], none: 'x' }, 'catalog', contractTypes)).toHaveLength(1);
  });
});
