// Generated host files: functions.json agrees with Microsoft's own generator, the manifest
// is well formed and points at files that exist, and committed generated docs are fresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ROOT } from './helpers.mjs';
import { excelJsdocWrappers, functionsMarkdown } from '../../js/build/generate.mjs';

const DIST = join(ROOT, 'dist/excel');
const catalogue = JSON.parse(readFileSync(join(ROOT, 'build/catalogue.json'), 'utf8'));
const ours = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8'));

test('functions.json lists all 22 functions with descriptions and parameter help', () => {
  assert.equal(ours.functions.length, 22);
  assert.equal(ours.allowErrorForDataTypeAny, true);
  for (const f of ours.functions) {
    assert.ok(f.description.length > 30, `${f.id}: description too short`);
    assert.match(f.helpUrl, /^https:\/\/localhost:3000\/help\.html#/);
    for (const p of f.parameters) assert.ok(p.description.length > 10, `${f.id}.${p.name}: help too short`);
  }
});

test("functions.json agrees with Microsoft's custom-functions-metadata on ids, names and parameters", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cfm-'));
  const src = join(dir, 'functions.js');
  const out = join(dir, 'functions.json');
  writeFileSync(src, excelJsdocWrappers(catalogue));
  execFileSync(join(ROOT, 'node_modules/.bin/custom-functions-metadata'), ['generate', src, out], { stdio: 'pipe' });
  const theirs = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(theirs.functions.length, ours.functions.length);
  for (const mine of ours.functions) {
    const ms = theirs.functions.find((f) => f.id === mine.id);
    assert.ok(ms, `Microsoft's tool has no ${mine.id}`);
    assert.equal(ms.name, mine.name);
    assert.deepEqual(
      ms.parameters.map((p) => [p.name, p.type, p.dimensionality ?? 'scalar', p.optional === true]),
      mine.parameters.map((p) => [p.name, p.type, p.dimensionality ?? 'scalar', p.optional === true]),
      mine.id,
    );
    assert.equal(ms.result.dimensionality, mine.result.dimensionality, mine.id);
    assert.equal(ms.options?.volatile === true, mine.options?.volatile === true, `${mine.id} volatile`);
  }
});

test('docs/functions.md is generated from the current catalogue (not stale)', () => {
  const fresh = functionsMarkdown(catalogue);
  assert.equal(readFileSync(join(ROOT, 'build/functions.md'), 'utf8'), fresh, 'the build wrote the reference from this catalogue');
  assert.equal(readFileSync(join(ROOT, 'docs/functions.md'), 'utf8'), fresh, 'docs/functions.md is stale: run `make docs` and commit it');
});

test('the README lists every function under its family, as the catalogue does', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const listed = new Map(
    [...readme.matchAll(/^\| ([A-Z][^|]+?) \| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \|$/gm)].map((m) => [m[1], [...m[2].matchAll(/`([A-Z_]+)`/g)].map((x) => x[1])]),
  );
  const families = new Map();
  for (const f of catalogue) families.set(f.family, [...(families.get(f.family) ?? []), f.name]);
  assert.deepEqual(Object.fromEntries(listed), Object.fromEntries(families));
});

test('the manifest declares a shared runtime whose resids resolve to files in dist/excel', () => {
  const xml = readFileSync(join(DIST, 'manifest.xml'), 'utf8');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
  const app = doc.OfficeApp;
  assert.equal(app['@xsi:type'], 'TaskPaneApp');
  const sets = [app.Requirements.Sets.Set].flat().map((s) => `${s['@Name']} ${s['@MinVersion']}`);
  assert.ok(sets.includes('SharedRuntime 1.1'), sets.join(', '));
  assert.ok(sets.includes('CustomFunctionsRuntime 1.1'), sets.join(', '));
  assert.equal(app.AppDomains, undefined, 'no remote domains');

  const res = app.VersionOverrides.Resources;
  const ids = new Map();
  for (const [group, key] of [['bt:Images', 'bt:Image'], ['bt:Urls', 'bt:Url'], ['bt:ShortStrings', 'bt:String'], ['bt:LongStrings', 'bt:String']]) {
    for (const r of [res[group][key]].flat()) ids.set(r['@id'], r['@DefaultValue']);
  }
  // Every resid used anywhere resolves.
  const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(used.length > 10);
  for (const id of used) assert.ok(ids.has(id), `resid ${id} has no resource`);

  const host = app.VersionOverrides.Hosts.Host;
  const runtime = host.Runtimes.Runtime['@resid'];
  const cf = host.AllFormFactors.ExtensionPoint;
  assert.equal(cf['@xsi:type'], 'CustomFunctions');
  assert.equal(cf.Page.SourceLocation['@resid'], runtime, 'shared runtime: Runtime resid = Page resid');
  assert.equal(host.DesktopFormFactor.FunctionFile['@resid'], runtime);
  assert.equal(ids.get(cf.Namespace['@resid']), 'RAPPORT');

  // Every URL is on the add-in's own origin and names a file the build wrote.
  const urls = [...xml.matchAll(/(?:DefaultValue)="(https?:[^"]+)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 8);
  for (const u of urls) {
    const url = new URL(u);
    assert.equal(url.origin, 'https://localhost:3000', u);
    assert.ok(existsSync(join(DIST, url.pathname)), `${u} → missing dist/excel${url.pathname}`);
  }
});

test('functions.html allows no connection beyond the add-in itself', () => {
  const html = readFileSync(join(DIST, 'functions.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'", 'https://appsforoffice.microsoft.com']);
  assert.deepEqual(directives['form-action'], ["'none'"]);
});
