// Generators: every host file that describes the functions is derived from the catalogue
// (src/functions/*.rs → `catalogue()` in the wasm). Pure functions of the catalogue, so tests
// can regenerate and compare (staleness checks).

import { escapeHtml, commentText } from './util.mjs';

/** Excel's functions.json. Ranges are `any` matrices; scalar options are typed. */
export function excelFunctionsJson(catalogue, baseUrl) {
  return {
    allowErrorForDataTypeAny: true,
    functions: catalogue.map((f) => ({
      id: f.name,
      name: f.name,
      description: f.description,
      helpUrl: `${baseUrl}/help.html#${f.name.toLowerCase()}`,
      parameters: f.params.map((p) => ({
        name: p.name,
        description: p.help,
        ...excelType(p.kind),
        ...(p.optional ? { optional: true } : {}),
      })),
      result: { type: 'any', dimensionality: 'matrix' },
      ...(f.volatile ? { options: { volatile: true } } : {}),
    })),
  };
}

export function excelType(kind) {
  switch (kind) {
    case 'number':
      return { type: 'number', dimensionality: 'scalar' };
    case 'value':
      return { type: 'any', dimensionality: 'scalar' };
    default:
      return { type: 'any', dimensionality: 'matrix' };
  }
}

const jsdocType = (kind) =>
  kind === 'number' ? '{number}' : kind === 'value' ? '{any}' : '{any[][]}';

/**
 * JSDoc-annotated wrappers, the input Microsoft's `custom-functions-metadata` reads: used to
 * cross-check our functions.json against Microsoft's own generator.
 */
export function excelJsdocWrappers(catalogue) {
  const out = ['// Generated from the Rapport catalogue for the custom-functions-metadata cross-check.', ''];
  for (const f of catalogue) {
    out.push('/**');
    out.push(` * ${commentText(f.description)}`);
    out.push(` * @customfunction ${f.name} ${f.name}`);
    if (f.volatile) out.push(' * @volatile');
    for (const p of f.params) {
      const name = p.optional ? `[${p.name}]` : p.name;
      out.push(` * @param ${jsdocType(p.kind)} ${name} ${commentText(p.help)}`);
    }
    out.push(' * @returns {any[][]} The result.');
    out.push(' */');
    out.push(`function ${f.name.toLowerCase()}(${f.params.map((p) => p.name).join(', ')}) {}`);
    out.push('');
  }
  return out.join('\n');
}

const esc = escapeHtml;

/** Human text for a result shape. */
export function describeResult(r) {
  switch (r.kind) {
    case 'per_row':
      return r.columns === 1 ? 'one value per input row (spills down)' : `${r.columns} columns per input row (spills)`;
    case 'element_wise':
      return 'the same shape as the input (spills)';
    case 'table':
      return `a table: header row ${r.header.join(' | ')}, then one row per entity`;
    case 'fixed':
      return r.rows === 1 && r.columns === 1 ? 'a single value' : `a ${r.rows}×${r.columns} block`;
    default:
      return '';
  }
}

export function signature(f, prefix = 'RAPPORT.') {
  const ps = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `${prefix}${f.name}(${ps.join(', ')})`;
}

/** The function reference as one HTML page (the functions' helpUrl). */
export function helpHtml(catalogue, version) {
  const families = [...new Set(catalogue.map((f) => f.family))];
  const body = families
    .map((fam) => {
      const fs = catalogue.filter((f) => f.family === fam);
      return `<h2>${esc(fam)}</h2>\n${fs
        .map(
          (f) => `<section id="${f.name.toLowerCase()}">
<h3><code>${esc(signature(f))}</code></h3>
<p>${esc(f.description)}</p>
<p><strong>Returns</strong> ${esc(describeResult(f.result))}.</p>
<table><thead><tr><th>Argument</th><th></th><th>Help</th></tr></thead><tbody>
${f.params.map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${p.optional ? 'optional' : 'required'}</td><td>${esc(p.help)}</td></tr>`).join('\n')}
</tbody></table>
<p class="example"><strong>Example</strong> <code>${esc(f.example)}</code></p>
${f.notes.length ? `<details><summary>Details</summary><ul>${f.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></details>` : ''}
</section>`,
        )
        .join('\n')}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport ${esc(version)} — function reference</title>
<link rel="stylesheet" href="rapport.css">
</head><body>
<h1>Rapport ${esc(version)} — function reference</h1>
<p>Every function runs inside your workbook: no data leaves your machine.</p>
${body}
</body></html>
`;
}

/** The function table of the docs (docs/functions.md), Markdown. */
export function functionsMarkdown(catalogue) {
  const families = [...new Set(catalogue.map((f) => f.family))];
  const lines = [
    '<!-- Generated from the catalogue by `make build` (js/build/generate.mjs). Do not edit: a test fails when it is stale. -->',
    '# Function reference',
    '',
    'Excel names carry the `RAPPORT.` namespace (`=RAPPORT.SEQ_LEVEL(B2:B200)`); Google Sheets uses the bare names (`=SEQ_LEVEL(B2:B200)`).',
    '',
    'Rules shared by every function:',
    '',
    '- Every argument is a range; a single value is a 1×1 range. An optional argument given as one blank cell counts as omitted and takes its default.',
    '- Blank means unanswered: empty, only spaces, or `n/a`, `na`, `-`, `—`, `?`, `dk`, `don\'t know`, `no answer` in any case. In a rating on a scale from 1 or more, `0` is blank too.',
    '- Text that reads as a number (`4`, ` 2.5 `, `.5`, `1e3`) is that number; `1,5`, `inf` and hex are not numbers.',
    '- An error value in an input cell becomes the matching output cell\'s error; a problem with the whole call (a bad option, mismatched ranges) is one error.',
    '- `#VALUE!` wrong type or shape, `#NUM!` number out of range, `#N/A` not enough data. Each error names the function, the argument and the cell.',
    '- A result too large to represent (inputs near 1e308) is `#NUM!` in its cell; a call over 5,000,000 cells is `#NUM!`.',
    '- Accounts and other keys are trimmed and grouped ignoring case (like `UNIQUE`); results show the first spelling. Labels ignore case, spaces, `_` and `-`.',
    '',
  ];
  for (const fam of families) {
    lines.push(`## ${fam}`, '');
    lines.push('| Function | Returns |', '|---|---|');
    for (const f of catalogue.filter((x) => x.family === fam)) {
      lines.push(`| [\`${f.name}\`](#${f.name.toLowerCase()}) | ${f.description.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
    for (const f of catalogue.filter((x) => x.family === fam)) {
      lines.push(`### ${f.name}`, '', `\`${signature(f)}\``, '', f.description, '', `Returns ${describeResult(f.result)}.`, '');
      lines.push('| Argument | | Help |', '|---|---|---|');
      for (const p of f.params) lines.push(`| \`${p.name}\` | ${p.optional ? 'optional' : 'required'} | ${p.help.replace(/\|/g, '\\|')} |`);
      if (f.params.length === 0) lines.push('| (none) | | |');
      lines.push('', `Example: \`${f.example}\``, '');
      if (f.notes.length) {
        lines.push('Details:', '');
        for (const n of f.notes) lines.push(`- ${n}`);
        lines.push('');
      }
    }
  }
  return lines.join('\n');
}
