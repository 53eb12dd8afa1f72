#!/usr/bin/env node
// A tiny static file server for the assembled site (no dependencies):
//   node script/serve.mjs [ROOT=build/site] [--port 8000] [--host 127.0.0.1]
// Bound to 127.0.0.1 by default; correct MIME types for .wasm (streaming compile) and
// ES modules; GET/HEAD only; never serves outside ROOT.
// Also a module: `serveStatic(root, {port: 0})` starts the same server on an ephemeral port
// and resolves to {server, url} (the browser tests use it).
import { createReadStream, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = path.join(root, path.normalize(decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  return info?.isFile() ? { file, size: info.size, mtimeMs: info.mtimeMs } : null;
}

/** An http.Server serving ROOT (not yet listening); options.log(line) gets one line per request. */
export function createStaticServer(rootDir, options = {}) {
  const root = path.resolve(rootDir);
  const logLine = options.log ?? ((line) => console.log(line));
  return createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const log = (status) => logLine(`${status} ${req.method} ${pathname}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      log(405);
      return;
    }
    const found = await resolveFile(root, pathname);
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      log(404);
      return;
    }
    // Revalidated on every use (no-cache) but answered 304 when unchanged, so the browser
    // keeps its cached copy (and its compiled wasm code) across reloads.
    const etag = `"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
    const headers = {
      'Cache-Control': 'no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      log(304);
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': found.size,
    });
    if (req.method === 'HEAD') {
      res.end();
    } else {
      createReadStream(found.file).pipe(res);
    }
    log(200);
  });
}

/** Starts a server on host:port (port 0: an ephemeral one); resolves to {server, url}. */
export function serveStatic(rootDir, { port = 0, host = '127.0.0.1', log } = {}) {
  const server = createStaticServer(rootDir, { log });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

const isMain = process.argv[1] != null &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const port = Number(option('--port', process.env.PORT ?? 8000));
  const host = option('--host', '127.0.0.1');
  const root = path.resolve(args[0] ?? 'build/site');

  const { url } = await serveStatic(root, { port, host });
  console.log(`serving ${path.relative(process.cwd(), root) || '.'} on ${url}`);
}
