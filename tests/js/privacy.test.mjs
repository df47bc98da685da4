// No data leaves: the shipped JavaScript has no network API but the wasm loader's one fetch of
// its own wasm, and the add-in page's Content-Security-Policy blocks connections elsewhere —
// checked in Chromium, with a control page without the policy proving the check can fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import { ROOT, serveStatic, launchChromium } from './helpers.mjs';

const DIST = join(ROOT, 'dist');

function shippedFiles(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...shippedFiles(p, ext));
    else if (ext.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** Network APIs (and ways to make the browser request a URL) that shipped code must not use. */
const NETWORK_APIS = [
  { name: 'fetch', re: /\bfetch\s*\(/g },
  { name: 'XMLHttpRequest', re: /XMLHttpRequest/g },
  { name: 'WebSocket', re: /WebSocket/g },
  { name: 'EventSource', re: /EventSource/g },
  { name: 'sendBeacon', re: /sendBeacon/g },
  { name: 'importScripts', re: /importScripts/g },
  { name: 'dynamic import()', re: /\bimport\s*\(/g },
  { name: 'Worker', re: /\b(Shared)?Worker\s*\(/g },
  { name: 'RTCPeerConnection', re: /RTCPeerConnection/g },
  { name: 'element injection', re: /createElement\s*\(\s*["'`](script|img|iframe|link|object|embed|audio|video|source)["'`]/gi },
  { name: 'new Image', re: /new\s+Image\s*\(/g },
  { name: 'src/href assignment', re: /\.(src|href|action)\s*=[^=]/g },
  { name: 'window.open', re: /\bopen\s*\(\s*["'`]https?:/g },
  { name: 'absolute URL', re: /(https?|wss?):\/\/[^\s"'`]*/g },
];

/** wasm-bindgen's loader fetching the wasm from the URL it was given (minified or not). */
const GLUE_FETCH = { api: 'fetch', around: /instanceof URL\)(&&\(\w+=|\s*\{\s*module_or_path\s*=\s*)fetch\(/ };

/**
 * What each host may use, checked file by file. First-party code is scanned as shipped; the
 * playground's bundle also carries third-party libraries (HyperFormula, ExcelJS, Papa Parse,
 * Chart.js) with dormant network code paths Rapport never calls, so its own sources are scanned
 * here and the built page is held to its Content-Security-Policy and a browser test that records
 * every request (tests/js/playground.test.mjs).
 */
const HOSTS = [
  // Excel: the glue's one fetch of rapport_bg.wasm, beside the functions script.
  { name: 'Excel add-in', files: () => [join(DIST, 'excel/functions.js')], allowed: [GLUE_FETCH], uses: 1 },
  // Sheets: the wasm is embedded and loaded synchronously: no network API at all.
  { name: 'Google Sheets', files: () => shippedFiles(join(DIST, 'sheets'), ['.js']), allowed: [], uses: 0 },
  // npm: the glue's fetch when given a URL, and in Node a read of the local wasm file through
  // `import("node:fs/promises")` — a built-in module, never a remote one.
  {
    name: 'npm package',
    files: () => shippedFiles(join(DIST, 'npm'), ['.js']),
    allowed: [GLUE_FETCH, { api: 'dynamic import()', around: /const fs = "node:fs\/promises";[\s\S]*await import\(/ }],
    uses: 2,
  },
  // Playground (its own sources): the page fetches its wasm and starts its worker, both from
  // its own URL, and downloads an export through a local blob: link.
  {
    name: 'playground sources',
    files: () => shippedFiles(join(ROOT, 'js/playground'), ['.js']),
    allowed: [
      { api: 'fetch', around: /compileStreaming\(fetch\(new URL\('rapport_bg\.wasm', location\.href\)\)\)/ },
      { api: 'Worker', around: /new Worker\(new URL\('worker\.js', document\.baseURI \|\| location\.href\)\)/ },
      { api: 'src/href assignment', around: /createObjectURL[\s\S]*a\.href = url;/ },
      // The worker names the network APIs only to delete them from its global scope.
      { api: 'XMLHttpRequest', around: /for \(const api of \['fetch', 'XMLHttpRequest'/ },
      { api: 'WebSocket', around: /for \(const api of \['fetch', 'XMLHttpRequest', 'WebSocket'/ },
      { api: 'EventSource', around: /'WebSocket', 'EventSource'/ },
      { api: 'importScripts', around: /'EventSource', 'importScripts'\]/ },
    ],
    uses: 7,
  },
];

for (const host of HOSTS) {
  test(`${host.name}: no network API beyond the allowed same-origin loads`, () => {
    const files = host.files();
    assert.ok(files.length > 0, `${host.name}: files to scan`);
    const found = [];
    let allowedUses = 0;
    for (const file of files) {
      const src = readFileSync(file, 'utf8');
      for (const { name, re } of NETWORK_APIS) {
        for (const m of src.matchAll(re)) {
          const window = src.slice(Math.max(0, m.index - 200), m.index + 120);
          if (host.allowed.some((a) => a.api === name && a.around.test(window))) {
            allowedUses++;
            continue;
          }
          found.push(`${relative(ROOT, file)}: ${name}: …${window.slice(120, 280).replace(/\s+/g, ' ')}…`);
        }
      }
    }
    assert.deepEqual(found, [], `network API use in ${host.name}:\n${found.join('\n')}`);
    assert.equal(allowedUses, host.uses, `${host.name}: the allowed uses, and no more`);
  });
}

test('shipped pages have no inline scripts', () => {
  for (const page of shippedFiles(DIST, ['.html'])) {
    const inline = [...readFileSync(page, 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1].trim()).filter(Boolean);
    assert.deepEqual(inline, [], relative(ROOT, page));
  }
});

test('the wasm URL is built beside the functions script, on the add-in’s own origin', () => {
  const src = readFileSync(join(DIST, 'excel/functions.js'), 'utf8');
  assert.match(src, /new URL\("rapport_bg\.wasm",\w+\|\|globalThis\.location\.href\)/);
});

test('the add-in page loads scripts only from itself and Office.js, and declares a strict CSP', () => {
  const html = readFileSync(join(DIST, 'excel/functions.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(scripts, ['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'functions.js']);
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['img-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'].sort(), ["'self'", "'wasm-unsafe-eval'", 'https://appsforoffice.microsoft.com'].sort());
  assert.deepEqual(directives['form-action'], ["'none'"]);
});

// ---- In Chromium ------------------------------------------------------------------------------

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
let site, elsewhere, browser;
const elsewhereHits = [];

before(async () => {
  // The add-in's origin, plus a control page without the policy.
  const html = readFileSync(join(DIST, 'excel/functions.html'), 'utf8');
  site = await serveStatic(join(DIST, 'excel'), {
    '/no-policy.html': { type: 'text/html; charset=utf-8', body: html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '') },
  });
  // "Another origin": a second loopback server that records anything reaching it.
  elsewhere = createServer((req, res) => {
    elsewhereHits.push(req.url);
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise((ok) => elsewhere.listen(0, '127.0.0.1', ok));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await new Promise((ok) => elsewhere.close(ok));
});

/** Opens a page with Office.js replaced by the stand-in; records every request the page makes. */
async function openAddInPage(path) {
  const page = await browser.newPage();
  const requests = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(ROOT, 'js/excel/office-stand-in.js')) });
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    return route.abort(); // never beyond loopback
  });
  await page.goto(`${site.url}${path}`);
  await page.waitForFunction(() => globalThis.Rapport !== undefined);
  await page.evaluate(() => globalThis.Rapport.ready);
  return { page, requests };
}

/** Tries every way out from inside the page; resolves to what each attempt reported. */
function tryToLeak(page, target) {
  return page.evaluate(async (base) => {
    const out = {};
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const settle = (p) => Promise.race([p, new Promise((ok) => setTimeout(() => ok('timeout'), 3000))]);
    out.fetch = await settle(fetch(`${base}/fetch?customer=Acme`).then((r) => `status ${r.status}`, (e) => `blocked: ${e.name}`));
    out.xhr = await settle(new Promise((ok) => {
      const x = new XMLHttpRequest();
      x.onload = () => ok(`status ${x.status}`);
      x.onerror = () => ok('blocked');
      try { x.open('GET', `${base}/xhr`); x.send(); } catch (e) { ok(`blocked: ${e.name}`); }
    }));
    out.image = await settle(new Promise((ok) => {
      const img = new Image();
      img.onload = () => ok('loaded');
      img.onerror = () => ok('blocked');
      img.src = `${base}/pixel.png`;
    }));
    out.script = await settle(new Promise((ok) => {
      const s = document.createElement('script');
      s.onload = () => ok('loaded');
      s.onerror = () => ok('blocked');
      s.src = `${base}/x.js`;
      document.head.appendChild(s);
    }));
    out.websocket = await settle(new Promise((ok) => {
      try {
        const ws = new WebSocket(base.replace('http', 'ws') + '/ws');
        ws.onopen = () => ok('open');
        ws.onerror = () => ok('blocked');
      } catch (e) { ok(`blocked: ${e.name}`); }
    }));
    out.beacon = navigator.sendBeacon(`${base}/beacon`, 'Acme') ? 'queued' : 'blocked';
    await new Promise((ok) => setTimeout(ok, 500));
    out.violations = violations;
    return out;
  }, target);
}

test('in Chromium, the add-in page works and its CSP blocks every request to another origin', async () => {
  const { page, requests } = await openAddInPage('/functions.html');
  const score = await page.evaluate(() => globalThis.CustomFunctions.__registry.get('SEQ_SCORE')([[4, 5]], null, null, null));
  assert.deepEqual(score, [[87.5]], 'Rapport runs under its policy');
  const hitsBefore = elsewhereHits.length;
  const elsewhereUrl = `http://127.0.0.1:${elsewhere.address().port}`;
  const result = await tryToLeak(page, elsewhereUrl);
  assert.match(result.fetch, /^blocked/);
  assert.match(result.xhr, /^blocked/);
  assert.equal(result.image, 'blocked');
  assert.equal(result.script, 'blocked');
  assert.match(result.websocket, /^blocked/);
  assert.ok(result.violations.length >= 5, `CSP violations reported: ${result.violations}`);
  assert.equal(elsewhereHits.length, hitsBefore, `requests reached the other origin: ${elsewhereHits.slice(hitsBefore)}`);
  // Every request the page made went to the add-in's own origin or the (stood-in) Office.js.
  const outside = requests.filter((u) => u !== OFFICE_JS && !u.startsWith(site.url + '/'));
  assert.deepEqual(outside, []);
  assert.ok(requests.includes(`${site.url}/rapport_bg.wasm`));
  await page.close();
});

test('control: without the policy the same attempts do reach the other origin (the check can fail)', async () => {
  const { page } = await openAddInPage('/no-policy.html');
  const hitsBefore = elsewhereHits.length;
  const result = await tryToLeak(page, `http://127.0.0.1:${elsewhere.address().port}`);
  assert.equal(result.fetch, 'status 200');
  assert.ok(elsewhereHits.length > hitsBefore, 'the control page reached the other origin');
  await page.close();
});
