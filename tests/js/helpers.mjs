// Shared helpers for the host tests: the vectors, native results, comparison, a loopback
// static server and the Office stand-in.
import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import vm from 'node:vm';
import { join, dirname, resolve, extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every vector file: [{function, cases: [{name, args, expect}]}]. */
export function loadVectors() {
  const dir = join(ROOT, 'tests/vectors');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

/** The native engine's result for every vector case (`rapport vectors`), keyed by function
 *  (`dir`: another folder of vector files, e.g. inputs as a host reads them). */
export function nativeResults(dir = join(ROOT, 'tests/vectors')) {
  const bin = join(ROOT, 'target/release/rapport');
  if (!existsSync(bin)) throw new Error('build the native CLI first: cargo build --release --bin rapport');
  return JSON.parse(execFileSync(bin, ['vectors', dir], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

/** A vector cell as a JS value: errors as `make(code)`, special numbers as numbers. */
export function vectorCell(v, makeError) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (typeof v.error === 'string') return makeError(v.error);
    if (v.number === 'NaN') return NaN;
    if (v.number === 'Infinity') return Infinity;
    if (v.number === '-Infinity') return -Infinity;
  }
  return v;
}

/** A vector argument as a 2-D array (or null when omitted). */
export function vectorGrid(arg, makeError) {
  if (arg === null) return null;
  const rows = Array.isArray(arg) ? arg : [[arg]];
  const cols = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => Array.from({ length: cols }, (_, c) => vectorCell(c < r.length ? r[c] : null, makeError)));
}

/** Same value, bit for bit (numbers by Object.is, so 0 and -0 differ; NaN equals NaN). */
export function sameCell(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a && typeof a === 'object' && b && typeof b === 'object') {
    return a.error === b.error && (a.message === undefined || b.message === undefined || a.message === b.message);
  }
  return a === b;
}

/** Compares a host result (normalised to the vector JSON form) with the native one exactly. */
export function assertSameResult(got, native, where) {
  const isGrid = Array.isArray(native);
  if (!isGrid || !Array.isArray(got)) {
    if (!sameCell(got, native)) throw new Error(`${where}: expected ${JSON.stringify(native)}, got ${JSON.stringify(got)}`);
    return;
  }
  if (got.length !== native.length) throw new Error(`${where}: expected ${native.length} rows, got ${got.length}`);
  native.forEach((row, r) => {
    if (got[r].length !== row.length) throw new Error(`${where}: row ${r + 1}: expected ${row.length} columns, got ${got[r].length}`);
    row.forEach((cell, c) => {
      if (!sameCell(got[r][c], cell)) {
        throw new Error(`${where}: row ${r + 1}, column ${c + 1}: expected ${JSON.stringify(cell)}, got ${JSON.stringify(got[r][c])}`);
      }
    });
  });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml' };

/** A static file server on 127.0.0.1 (a free port). Resolves to {url, close, requests}. */
export function serveStatic(dir, routes = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (routes[path]) {
      const { type, body } = routes[path];
      res.writeHead(200, { 'content-type': type });
      res.end(body);
      return;
    }
    const file = normalize(join(dir, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(resolve(dir) + sep) || !existsSync(file)) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) }),
    ),
  );
}

/**
 * Loads an Excel functions script the way Excel's shared runtime does: a fresh context with the
 * Office stand-in, `document.currentScript` at `${baseUrl}/functions.js`. `fetch` is recorded;
 * by default it is the real one (point `baseUrl` at a loopback server), or pass `fetchImpl`;
 * `webAssembly` may be an instrumented stand-in (the benchmark notes the instance's memory).
 * Resolves to {context, fetches} once the engine is ready (unless `waitForEngine` is false).
 */
export async function loadExcelAddIn(baseUrl, { script = readFileSync(join(ROOT, 'dist/excel/functions.js'), 'utf8'), fetchImpl = fetch, webAssembly = WebAssembly, waitForEngine = true } = {}) {
  const fetches = [];
  const context = vm.createContext({
    console,
    setTimeout,
    clearTimeout,
    MessageChannel, // every Excel runtime (browsers, WebView2, WKWebView) has it
    queueMicrotask,
    URL,
    TextEncoder,
    TextDecoder,
    WebAssembly: webAssembly,
    Response,
    fetch: (url, opts) => {
      fetches.push(String(url));
      return fetchImpl(url, opts);
    },
    document: { currentScript: { src: `${baseUrl}/functions.js` }, getElementById: () => null },
    location: { href: `${baseUrl}/functions.html` },
  });
  context.globalThis = context;
  vm.runInContext(readFileSync(join(ROOT, 'js/excel/office-stand-in.js'), 'utf8'), context);
  vm.runInContext(script, context, { filename: 'functions.js' });
  if (waitForEngine) await context.Rapport.ready;
  return { context, fetches };
}

/** A fetch that answers every URL with one local file (no server needed). */
export function fileFetch(path, type = 'application/wasm') {
  return async () => new Response(readFileSync(path), { headers: { 'content-type': type } });
}

/** Chromium as the tests drive it (playwright-core, the Debian build, a fresh profile). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const profile = mkdtempSync(join(tmpdir(), 'rapport-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
