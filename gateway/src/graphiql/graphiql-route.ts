import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** GraphiQL's prebuilt bundle, served from node_modules: no CDN, works offline. */
const distDir = path.dirname(fileURLToPath(import.meta.resolve('@graphql-yoga/graphiql')));
export const graphiqlAssetPrefix = '/graphiql/';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function wantsGraphiQL(request: IncomingMessage): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

export function sendGraphiQLPage(response: ServerResponse, endpoint: string): void {
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Jobgraph — GraphiQL</title>
  <link rel="stylesheet" href="${graphiqlAssetPrefix}graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql"></div>
  <script>
    self.MonacoEnvironment = {
      getWorkerUrl(_moduleId, label) {
        const file = label === 'json' ? 'json.worker.bundle.js' : label === 'graphql' ? 'graphql.worker..bundle.js' : 'editor.worker.bundle.js';
        return '${graphiqlAssetPrefix}monacoeditorwork/' + file;
      },
    };
  </script>
  <script src="${graphiqlAssetPrefix}yoga-graphiql.umd.js"></script>
  <script>
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('graphiql'), {
      endpoint: ${JSON.stringify(endpoint)},
      title: 'Jobgraph',
      defaultQuery: '{ viewer { id displayName } }',
      initialQuery: '# Sign up or sign in, then put the access token in the Headers tab:\\n# { "Authorization": "Bearer <accessToken>" }\\n\\nquery Viewer {\\n  viewer { id displayName email roles }\\n}\\n',
    });
  </script>
</body>
</html>`;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
  response.end(html);
}

/** Serves a file of the bundle; refuses anything outside its folder. */
export async function sendGraphiQLAsset(pathname: string, response: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname.slice(graphiqlAssetPrefix.length));
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Malformed URL escape.');
    return;
  }
  if (decoded.includes('\0')) {
    response.writeHead(404).end();
    return;
  }
  const relative = path.normalize(decoded);
  const file = path.join(distDir, relative);
  if (relative.startsWith('..') || path.isAbsolute(relative) || !file.startsWith(distDir + path.sep)) {
    response.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'public, max-age=86400',
  });
  createReadStream(file).pipe(response);
}
