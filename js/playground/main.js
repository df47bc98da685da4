// The playground page: a grid over the calculation worker (HyperFormula + Rapport), a dashboard
// drawn from the workbook's RAPPORT results, and CSV/XLSX in and XLSX out — all in this page.
// The only request it makes is for the engine's wasm, from its own origin.

import { Chart, BarController, BarElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js';
import { sampleWorkbook } from './sample.js';
import { sheetFromCsv, sheetsFromXlsx, xlsxFromSheets, columnName } from './xlsx.js';

Chart.register(BarController, BarElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);

const $ = (id) => document.getElementById(id);
/** Colours of the Sales Equity levels, low → high (their names come from the engine). */
const LEVEL_COLOURS = ['#c0392b', '#e67e22', '#5b8def', '#1e8e5a'];
/** The grid always shows at least this much room to type in. */
const MIN_ROWS = 40, MIN_COLS = 14, SPARE = 6;
/** Larger sheets show their first rows only (the workbook still calculates all of them). */
const MAX_SHOWN_ROWS = 2000;

const state = {
  sheets: [], // [{name, cells}] raw contents, as typed or loaded
  values: new Map(), // sheet name → 2-D values from the worker
  rapport: [], // every Rapport formula's result
  active: 0,
  sel: { row: 0, col: 0 },
  version: '',
  labels: { levels: [], stages: [], roles: [] }, // the engine's, once it has started
};

// ---- the worker ------------------------------------------------------------------------------
const worker = new Worker(new URL('worker.js', document.baseURI || location.href));
let nextId = 1;
const pending = new Map();
worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'progress') return showProgress(msg.done, msg.total);
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  if (msg.type === 'error') p.reject(new Error(msg.message));
  else p.resolve(msg);
};
function ask(message, transfer) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, ...message }, transfer || []);
  });
}

function showProgress(done, total) {
  const bar = $('progress');
  bar.hidden = false;
  if (total > 0) {
    bar.max = total;
    bar.value = done;
    setStatus(`Recalculating… ${done} of ${total} Rapport formulas`);
  } else {
    bar.removeAttribute('value');
    setStatus(`Recalculating… ${done} Rapport calls`);
  }
}
function setStatus(text) {
  $('status').textContent = text;
}

let busy = Promise.resolve();
/** Runs worker requests one after another; the page stays usable meanwhile. */
function calculate(message) {
  busy = busy.then(async () => {
    document.body.dataset.state = 'calculating';
    try {
      const res = await ask(message);
      state.values = new Map(res.sheets.map((s) => [s.name, s.values]));
      state.rapport = res.rapport;
      $('progress').hidden = true;
      setStatus(`Rapport ${state.version} · ${res.rapport.length} Rapport formulas · recalculated in ${Math.round(res.ms)} ms · nothing leaves this page`);
      renderGrid();
      renderDashboard();
    } catch (err) {
      $('progress').hidden = true;
      setStatus(`Could not calculate: ${err.message}`);
    } finally {
      document.body.dataset.state = 'ready';
    }
  });
  return busy;
}

function loadWorkbook(sheets) {
  state.sheets = sheets.map((s) => ({ name: s.name, cells: s.cells.map((row) => [...(row || [])]) }));
  state.active = 0;
  state.sel = { row: 0, col: 0 };
  $('grid').scrollTo(0, 0);
  renderTabs();
  return calculate({ type: 'load', sheets: state.sheets });
}

// ---- the grid --------------------------------------------------------------------------------
function raw(sheet, row, col) {
  const r = sheet.cells[row];
  return r ? r[col] ?? null : null;
}

function display(v) {
  if (v === null || v === undefined) return { text: '', cls: '' };
  if (typeof v === 'object') return { text: v.error, cls: 'err', title: v.message };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? String(v) : String(Math.round(v * 1e4) / 1e4), cls: 'num' };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', cls: 'num' };
  return { text: String(v), cls: '' };
}

function spillCells(sheetName) {
  const set = new Set();
  for (const x of state.rapport) {
    if (x.sheet !== sheetName || !Array.isArray(x.result)) continue;
    x.result.forEach((row, r) => row.forEach((_, c) => set.add(`${x.row + r}:${x.col + c}`)));
  }
  return set;
}

function renderGrid() {
  const sheet = state.sheets[state.active];
  if (!sheet) return;
  const values = state.values.get(sheet.name) || [];
  const usedRows = Math.max(sheet.cells.length, values.length);
  const usedCols = Math.max(0, ...sheet.cells.map((r) => (r ? r.length : 0)), ...values.map((r) => r.length));
  const rows = Math.min(MAX_SHOWN_ROWS, Math.max(MIN_ROWS, usedRows + SPARE));
  const cols = Math.max(MIN_COLS, usedCols + 2);
  const spills = spillCells(sheet.name);
  const parts = ['<table><thead><tr><th class="row"></th>'];
  for (let c = 0; c < cols; c++) parts.push(`<th>${columnName(c)}</th>`);
  parts.push('</tr></thead><tbody>');
  for (let r = 0; r < rows; r++) {
    parts.push(`<tr><th class="row">${r + 1}</th>`);
    for (let c = 0; c < cols; c++) {
      const rawValue = raw(sheet, r, c);
      const d = display(values[r] ? values[r][c] : null);
      const isFormula = typeof rawValue === 'string' && rawValue.startsWith('=');
      const cls = [d.cls, isFormula ? 'formula' : spills.has(`${r}:${c}`) ? 'spill' : '', r === state.sel.row && c === state.sel.col ? 'sel' : ''].filter(Boolean).join(' ');
      parts.push(`<td data-r="${r}" data-c="${c}"${cls ? ` class="${cls}"` : ''}${d.title ? ` title="${escapeHtml(d.title)}"` : ''}>${escapeHtml(d.text)}</td>`);
    }
    parts.push('</tr>');
  }
  parts.push('</tbody></table>');
  $('grid').innerHTML = parts.join('');
  showSelection();
}

function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function showSelection() {
  const sheet = state.sheets[state.active];
  const { row, col } = state.sel;
  $('cell-name').textContent = `${columnName(col)}${row + 1}`;
  const v = raw(sheet, row, col);
  $('formula').value = v === null ? '' : String(v);
  for (const td of $('grid').querySelectorAll('td.sel')) td.classList.remove('sel');
  const td = $('grid').querySelector(`td[data-r="${row}"][data-c="${col}"]`);
  if (td) {
    td.classList.add('sel');
    td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

function select(row, col) {
  state.sel = { row: Math.max(0, row), col: Math.max(0, col) };
  showSelection();
}

function renderTabs() {
  const tabs = $('tabs');
  tabs.innerHTML = '';
  state.sheets.forEach((s, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = s.name;
    b.className = i === state.active ? 'active' : '';
    b.addEventListener('click', () => {
      state.active = i;
      state.sel = { row: 0, col: 0 };
      $('grid').scrollTo(0, 0);
      renderTabs();
      renderGrid();
    });
    tabs.appendChild(b);
  });
}

/** Commits the formula bar into the selected cell and recalculates. */
function commit(text) {
  const sheet = state.sheets[state.active];
  const { row, col } = state.sel;
  const value = text === '' ? null : text;
  while (sheet.cells.length <= row) sheet.cells.push([]);
  const r = sheet.cells[row];
  while (r.length <= col) r.push(null);
  r[col] = value;
  return calculate({ type: 'set', sheet: sheet.name, row, col, value });
}

$('grid').addEventListener('mousedown', (e) => {
  const td = e.target.closest('td');
  if (!td) return;
  select(Number(td.dataset.r), Number(td.dataset.c));
});
$('grid').addEventListener('dblclick', () => $('formula').focus());
$('grid').addEventListener('keydown', (e) => {
  const { row, col } = state.sel;
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [1, 0], Tab: [0, 1] };
  if (moves[e.key]) {
    e.preventDefault();
    select(row + moves[e.key][0], col + moves[e.key][1]);
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    e.preventDefault();
    commit('');
  } else if (e.key === 'F2') {
    e.preventDefault();
    $('formula').focus();
  } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
    // Typing on a selected cell starts editing it, as in any spreadsheet.
    e.preventDefault();
    $('formula').value = e.key;
    $('formula').focus();
  }
});
$('formula').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === 'Tab') {
    e.preventDefault();
    const { row, col } = state.sel;
    commit($('formula').value);
    select(e.key === 'Enter' ? row + 1 : row, e.key === 'Tab' ? col + 1 : col);
    $('grid').focus();
  } else if (e.key === 'Escape') {
    showSelection();
    $('grid').focus();
  }
});

// ---- the dashboard ---------------------------------------------------------------------------
const charts = {};
/** The first result of a Rapport function in the workbook, as rows without the header. */
function tableOf(fn) {
  const x = state.rapport.find((r) => r.fn === fn && Array.isArray(r.result));
  return x ? x.result.slice(1).filter((row) => row[0] !== null) : null;
}
function num(v) {
  return typeof v === 'number' ? v : null;
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), { ...config, options: { animation: false, maintainAspectRatio: false, responsive: true, ...config.options } });
}

function renderDashboard() {
  const mix = tableOf('LEVEL_MIX');
  draw('chart-levels', {
    type: 'doughnut',
    data: { labels: state.labels.levels, datasets: [{ data: state.labels.levels.map((l) => num(mix?.find((r) => r[0] === l)?.[1]) ?? 0), backgroundColor: LEVEL_COLOURS }] },
    options: { plugins: { legend: { position: 'right' } } },
  });

  const climate = tableOf('CLIMATE');
  const blind = tableOf('BLIND_SPOTS');
  const dims = (climate || blind || []).map((r) => r[0]);
  const datasets = [{ label: 'Buyers (CLIMATE)', data: (climate || []).map((r) => num(r[1])), backgroundColor: '#5b8def' }];
  if (blind) datasets.push({ label: 'Seller (BLIND_SPOTS)', data: dims.map((d) => num(blind.find((r) => r[0] === d)?.[1])), backgroundColor: '#c9d6f5' });
  draw('chart-climate', { type: 'bar', data: { labels: dims, datasets }, options: { scales: { y: { min: 0, max: 100 } } } });

  const accounts = tableOf('ACCOUNT_SEQ') || [];
  const atRisk = new Set((tableOf('AT_RISK') || []).map((r) => r[0]));
  const sorted = accounts.filter((r) => num(r[3]) !== null).sort((a, b) => a[3] - b[3]);
  draw('chart-risk', {
    type: 'bar',
    data: { labels: sorted.map((r) => r[0]), datasets: [{ label: 'SEQ', data: sorted.map((r) => r[3]), backgroundColor: sorted.map((r) => (atRisk.has(r[0]) ? '#c0392b' : '#1e8e5a')) }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100 }, y: { ticks: { autoSkip: false } } } },
  });

  const stageResult = state.rapport.find((r) => r.fn === 'STAGE' && Array.isArray(r.result));
  const stageCounts = state.labels.stages.map((s) => (stageResult ? stageResult.result.flat().filter((v) => v === s).length : 0));
  draw('chart-stages', { type: 'bar', data: { labels: state.labels.stages, datasets: [{ label: 'Accounts', data: stageCounts, backgroundColor: '#2f5fd0' }] }, options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } } });

  const value = tableOf('RELATIONSHIP_VALUE') || [];
  const trendColour = { Rising: '#1e8e5a', Falling: '#c0392b', Flat: '#98a2b3' };
  draw('chart-value', {
    type: 'bar',
    data: { labels: value.map((r) => r[0]), datasets: [{ label: 'Value', data: value.map((r) => num(r[2])), backgroundColor: value.map((r) => trendColour[r[4]] || '#98a2b3') }] },
    options: { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } } }, plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: (ctx) => `Trend: ${value[ctx.dataIndex][4]}` } } } },
  });

  const trend = state.rapport.find((r) => r.fn === 'SEQ_TREND' && Array.isArray(r.result));
  $('trend').textContent = trend && typeof trend.result[0][0] === 'number' ? `Portfolio SEQ trend: ${trend.result[0][0].toFixed(1)} points a year (${trend.result[0][1]}). Value bars: green rising, red falling, grey flat.` : '';
}

// ---- files -----------------------------------------------------------------------------------
$('open-file').addEventListener('change', async (e) => {
  const file = e.target.files && e.target.files[0];
  e.target.value = '';
  if (!file) return;
  try {
    const base = file.name.replace(/\.[^.]+$/, '').slice(0, 31) || 'Data';
    const sheets = /\.xlsx$/i.test(file.name) ? await sheetsFromXlsx(await file.arrayBuffer()) : [sheetFromCsv(await file.text(), base)];
    if (sheets.length === 0) throw new Error('the file has no sheets');
    await loadWorkbook(sheets);
    setStatus(`${$('status').textContent} · opened ${file.name}`);
  } catch (err) {
    setStatus(`Could not open ${file.name}: ${err.message}`);
  }
});

$('export-xlsx').addEventListener('click', async () => {
  await busy;
  const snapshot = { sheets: [...state.values].map(([name, values]) => ({ name, values })), rapport: state.rapport };
  const bytes = await xlsxFromSheets(state.sheets, snapshot);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'rapport-playground.xlsx';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

$('reset-sample').addEventListener('click', () => loadWorkbook(sampleWorkbook().sheets));

// ---- start -----------------------------------------------------------------------------------
async function start() {
  // The page (under its Content-Security-Policy) fetches and compiles the wasm, then hands the
  // module to the worker, which has no network access at all.
  const module = await WebAssembly.compileStreaming(fetch(new URL('rapport_bg.wasm', location.href)));
  const ready = await ask({ type: 'init', module });
  state.version = ready.version;
  state.labels = ready.labels;
  await loadWorkbook(sampleWorkbook().sheets);
  document.body.dataset.loaded = 'true';
}

// For tests and the curious: the workbook's state and a way to wait for the calculation.
globalThis.RapportPlayground = { state, settled: () => busy, loadWorkbook, commit, select };
start().catch((err) => setStatus(`Rapport could not start: ${err.message}`));
