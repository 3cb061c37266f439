import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** What the gateway image runs: the bundle `pnpm gateway:build` writes (gateway/scripts/build.ts). */
const gatewayEntry = 'gateway/dist/main.js';
const services = ['gateway', 'identity', 'catalog', 'pipeline', 'assistant', 'billing'] as const;
const subgraphs = services.filter((name) => name !== 'gateway');

/** Each kind the manifests use, with the model that checks it against the Kubernetes OpenAPI schema. */
const models: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown> & {
    template?: { spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean } } };
    scaleTargetRef?: { kind: string; name: string };
    selector?: { matchLabels?: Record<string, string> } | Record<string, string>;
    ports?: { port: number; targetPort: string | number }[];
  };
  data?: Record<string, string>;
}
interface Container {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}

let manifests: Manifest[] = [];
const find = (kind: string, name: string) => manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);

beforeAll(() => {
  const tools = execFileSync('bash', ['infra/k8s/tools.sh'], { cwd: root, encoding: 'utf8', timeout: 900_000 });
  const kustomize = tools.match(/^KUSTOMIZE=(.+)$/m)?.[1] ?? '';
  const rendered = execFileSync(kustomize, ['build', 'infra/k8s/overlays/production'], { cwd: root, encoding: 'utf8' });
  manifests = parseAllDocuments(rendered).map((document) => document.toJS() as Manifest);
}, 900_000);

describe('the Kubernetes manifests, rendered by kustomize', () => {
  it('are valid against the Kubernetes schemas, every object of them, in the jobgraph namespace', () => {
    expect(manifests.length).toBeGreaterThan(20);
    for (const manifest of manifests) {
      const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind} has a schema here`).toBeDefined();
      expect(() => Model && new Model(manifest as never).validate(), `${manifest.kind}/${manifest.metadata.name}`).not.toThrow();
      if (manifest.kind !== 'Namespace') expect(manifest.metadata.namespace).toBe('jobgraph');
    }
  });

  it('run every service with probes, resource requests, no root, an autoscaler and a disruption budget', () => {
    for (const name of services) {
      const deployment = find('Deployment', name);
      const pod = deployment?.spec?.template?.spec;
      const container = pod?.containers[0];
      expect(pod?.securityContext?.runAsNonRoot, name).toBe(true);
      expect(container?.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      const portNames = container?.ports?.map((port) => port.name) ?? [];
      expect(portNames).toContain(container?.readinessProbe?.httpGet?.port);
      expect(portNames).toContain(container?.livenessProbe?.httpGet?.port);
      expect(container?.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container?.image).toBe(`registry.example.com/jobgraph/${name}:1.0.0`);
      expect(find('HorizontalPodAutoscaler', name)?.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(find('PodDisruptionBudget', name)).toBeDefined();
    }
  });

  it('give each subgraph what its entry point requires, from secrets and the shared config', () => {
    const shared = find('ConfigMap', 'jobgraph-config')?.data ?? {};
    expect(shared.KAFKA_BROKERS).toBe('kafka:9092');
    expect(find('Service', 'kafka')?.spec?.type).toBe('ExternalName');
    expect(find('Service', 'postgres')?.spec?.type).toBe('ExternalName');
    for (const name of subgraphs) {
      const container = find('Deployment', name)?.spec?.template?.spec.containers[0];
      const env = new Map(container?.env?.map((entry) => [entry.name, entry]));
      expect(env.get('DATABASE_URL')?.valueFrom?.secretKeyRef?.name).toBe('jobgraph-database');
      expect(env.get(`${name.toUpperCase()}_DATABASE_URL`)?.valueFrom?.secretKeyRef?.name).toBe(`jobgraph-db-${name}`);
      expect(env.get('INTERNAL_TOKEN_PUBLIC_JWK')?.valueFrom?.secretKeyRef).toEqual({ name: 'jobgraph-internal-token', key: 'public.jwk' });
      expect(container?.envFrom?.map((source) => source.configMapRef?.name)).toContain('jobgraph-config');
    }
  });

  it('point the gateway at a Service for every subgraph, on the port that Service exposes', () => {
    const urls = find('ConfigMap', 'jobgraph-gateway')?.data ?? {};
    for (const name of subgraphs) {
      const url = new URL(urls[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? 'http://missing');
      const service = find('Service', url.hostname);
      expect(service, name).toBeDefined();
      expect(service?.spec?.ports?.map((port) => port.port)).toContain(Number(url.port));
    }
  });

  it('migrate the database in a Job before a rollout', () => {
    const job = find('Job', 'migrate');
    expect(job?.spec?.template?.spec.containers[0]?.image).toBe('registry.example.com/jobgraph/migrate:1.0.0');
  });

  it('name only the secrets infra/k8s/README.md tells operators to create', () => {
    const documented = readFileSync(`${root}/infra/k8s/README.md`, 'utf8');
    const referenced = new Set(
      manifests.flatMap((manifest) => manifest.spec?.template?.spec.containers.flatMap((container) => container.env?.flatMap((entry) => (entry.valueFrom?.secretKeyRef ? [entry.valueFrom.secretKeyRef] : [])) ?? []) ?? []),
    );
    expect(referenced.size).toBeGreaterThan(3);
    for (const { name, key } of referenced) expect(documented, `${name}/${key}`).toContain(`\`${name}\` / \`${key}\``);
  });
});

describe('the service images (infra/docker/Dockerfile)', () => {
  const dockerfile = readFileSync(`${root}/infra/docker/Dockerfile`, 'utf8');

  it('pass the Dockerfile linter with no problem', async () => {
    const { validate } = await import('dockerfile-utils');
    expect(validate(dockerfile).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`)).toEqual([]);
  });

  it('have a target per service and the migration, each running an entry point that exists, as a user that is not root', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((match) => ({ base: match[1], name: match[2] }));
    for (const name of [...services, 'migrate']) {
      expect(stages.find((stage) => stage.name === name)?.base, name).toBe('runtime');
    }
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'), dockerfile.indexOf('AS gateway'));
    expect(runtime).toMatch(/^USER node$/m);
    const commands = [...dockerfile.matchAll(/^CMD \["node", ((?:"--[^"]+", )*)"([^"]+)"\]$/gm)];
    expect(commands.length).toBe(dockerfile.match(/^CMD /gm)?.length);
    // The gateway's entry is built inside the image (the next test); every other one is a source file.
    for (const [, , entry] of commands) if (entry !== gatewayEntry) expect(existsSync(`${root}/${entry}`), entry).toBe(true);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-\S+$/m);
  });

  it('run the gateway from its bundle (pnpm gateway:build), built in the image, with its node flags, as its start script and the benchmark do', async () => {
    const { gatewayNodeFlags } = await import('@jobgraph/gateway/config');
    const { gatewayBundle } = await import('@jobgraph/gateway/build');
    expect(path.relative(root, gatewayBundle)).toBe(gatewayEntry);
    const expected = `CMD ["node", ${gatewayNodeFlags.map((flag) => `"${flag}", `).join('')}"${gatewayEntry}"]`;
    expect(dockerfile.split('\n')).toContain(expected);
    // A stage builds the bundle from the sources, and the gateway target copies it in.
    const stage = (name: string) => {
      const start = dockerfile.indexOf(` AS ${name}\n`);
      const end = dockerfile.indexOf('\nFROM ', start);
      return start === -1 ? '' : dockerfile.slice(start, end === -1 ? undefined : end);
    };
    expect(stage('build-gateway')).toMatch(/^RUN node gateway\/scripts\/build\.ts$/m);
    expect(stage('gateway')).toContain('COPY --from=build-gateway --chown=node:node /src/gateway/dist /app/gateway/dist');
    expect(existsSync(`${root}/gateway/src/main.ts`)).toBe(true);
    const gatewayPackage = JSON.parse(readFileSync(`${root}/gateway/package.json`, 'utf8')) as { scripts: { start: string; build: string } };
    expect(gatewayPackage.scripts.start).toBe(['node', ...gatewayNodeFlags, 'dist/main.js'].join(' '));
    expect(gatewayPackage.scripts.build).toBe('node scripts/build.ts');
  });
});
