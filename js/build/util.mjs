// Small helpers every build script shares.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Bytes as kilobytes for the build's size report. */
export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Raw and gzip-9 sizes of files in a folder, summed: {raw, gz}. */
export function sizes(dir, files) {
  let raw = 0, gz = 0;
  for (const f of files) {
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gz };
}

/** Text safe inside HTML. */
export const escapeHtml = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text safe inside a /* … *\/ comment (JSDoc written from the catalogue). */
export const commentText = (s) => String(s).replace(/\*\//g, '* /');
