// Serves dist/ on this machine only (127.0.0.1): the Excel add-in over HTTPS (Office requires
// it) with a locally generated certificate, and prints how to sideload it.
// Usage: node js/build/serve.mjs   (make serve). PORT sets the port (default 3000).
import { createServer } from 'node:https';
import { readFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, extname, normalize, sep, resolve } from 'node:path';
import { ROOT, BASE_URL } from './build.mjs';

const PORT = Number(process.env.PORT || 3000);
const DIST = join(ROOT, 'dist');
const CERTS = join(ROOT, 'build/certs');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.csv': 'text/csv', '.txt': 'text/plain; charset=utf-8' };

/** A self-signed certificate for localhost, made once with openssl. */
function certificate() {
  const key = join(CERTS, 'localhost-key.pem');
  const cert = join(CERTS, 'localhost.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(CERTS, { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '825', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert), certPath: cert };
}

/** Maps a request path onto dist/: / → the playground, /functions.html etc. → the add-in. */
function resolvePath(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const roots = [join(DIST, 'excel'), DIST];
  for (const root of roots) {
    let file = normalize(join(root, path));
    if (!file.startsWith(resolve(root) + sep) && file !== resolve(root)) continue;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (existsSync(file)) return file;
  }
  return null;
}

const { key, cert, certPath } = certificate();
const server = createServer({ key, cert }, (req, res) => {
  if (req.url === '/' && existsSync(join(DIST, 'playground/index.html'))) {
    // The playground's files sit beside its page: send the browser there.
    res.writeHead(302, { location: '/playground/' });
    res.end();
    return;
  }
  const file = resolvePath(req.url);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(readFileSync(file));
});

server.listen(PORT, '127.0.0.1', () => {
  if (new URL(BASE_URL).port !== String(PORT)) {
    console.warn(`Note: the manifest points at ${BASE_URL}; rebuild with RAPPORT_BASE_URL=https://localhost:${PORT} to sideload from this port.`);
  }
  const base = `https://localhost:${PORT}`;
  const playground = existsSync(join(DIST, 'playground/index.html'));
  console.log(`
Rapport is being served on this machine only (127.0.0.1:${PORT}). Press Ctrl+C to stop.
${playground ? `
  Playground (try every function in the browser):  ${base}/playground/
` : ''}
  Excel add-in manifest:   ${base}/manifest.xml   (file: dist/excel/manifest.xml)
  Function reference:      ${base}/help.html

The certificate is self-signed (${certPath}). Trust it once so Office loads the add-in:
  - Windows:  certutil -addstore -user Root "${certPath}"
  - macOS:    sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${certPath}"
  - Browser:  open ${base}/help.html and accept the warning.

Sideload into Excel:
  - Excel on the web: Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in → dist/excel/manifest.xml
  - Excel for Windows: put manifest.xml in a shared folder listed under File → Options → Trust Center →
    Trust Center Settings → Trusted Add-in Catalogs, restart Excel, then Home → Add-ins → Shared Folder.
  - Excel for Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel.
Then type =RAPPORT.SEQ_SCORE( in a cell. See docs/excel.md for details and central deployment.
`);
});
