// Rapport's JavaScript core: the one adapter every host (Excel, Google Sheets, the npm module,
// the playground) uses to call the wasm engine. It packs a batch of calls into a few typed
// arrays and one string (see src/bindings/wire.rs), makes one wasm call, and unpacks the
// results into plain 2-D arrays. Errors are `CellError` values; hosts map them to their own.

/**
 * The limit of cells per call (docs/security.md, "Limits"): larger calls get #NUM! without
 * reaching wasm. The engine's own `max_input_cells()` is the source; a test keeps this copy
 * equal to it.
 */
export const MAX_INPUT_CELLS = 5_000_000;

// Globals the hot loops use, read once: in some hosts (Node's vm contexts, which the tests and
// the benchmark use as Excel's runtime) every global lookup goes through the context's
// interceptor, which made one shape check over a million rows take 400 ms instead of 20.
const isArray = Array.isArray;
const JsArray = Array;

const TAG_BLANK = 0, TAG_NUMBER = 1, TAG_TEXT = 2, TAG_FALSE = 3, TAG_TRUE = 4, TAG_ERROR = 5;

/** Error codes in the order of their wire tags (ErrorCode::tag in Rust). */
export const ERROR_CODES = ['#VALUE!', '#NUM!', '#N/A', '#DIV/0!', '#REF!', '#NAME?', '#NULL!'];

/** A spreadsheet error value with the message Rapport gives it. */
export class CellError {
  /** @param {string} code e.g. "#N/A" @param {string} message */
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
  toString() {
    return this.message ? `${this.code} ${this.message}` : this.code;
  }
}

function errorTag(code) {
  const i = ERROR_CODES.indexOf(String(code).trim().toUpperCase());
  return TAG_ERROR + (i < 0 ? 0 : i); // errors we cannot return (#SPILL!, #CALC! …) read as #VALUE!
}

/** Is `v` an error value from a host (a CellError, Excel's CustomFunctions.Error, `{error}`)? */
function errorCodeOf(v) {
  if (v instanceof CellError) return v.code;
  if (typeof v.code === 'string' && v.code.startsWith('#')) return v.code;
  if (typeof v.error === 'string' && v.error.startsWith('#')) return v.error;
  return null;
}

/**
 * The shape of an argument: `null`/`undefined` is omitted; a 2-D array is a grid (ragged rows
 * padded with blanks); a 1-D array is a column; anything else is a 1×1 grid.
 */
function shapeOf(arg) {
  if (arg === null || arg === undefined) return { present: 0, rows: 0, cols: 0, kind: 'none' };
  if (!isArray(arg)) return { present: 1, rows: 1, cols: 1, kind: 'scalar' };
  // Too many rows whatever they hold: answer from the length alone (a sparse array may be
  // billions long yet hold nothing; walking it would hang).
  const rows = arg.length;
  if (rows > MAX_INPUT_CELLS) return { present: 1, rows, cols: 1, kind: 'column' };
  if (rows === 0) return { present: 1, rows: 0, cols: 0, kind: 'column' };
  let cols = 0;
  for (let r = 0; r < rows; r++) {
    const row = arg[r];
    if (!isArray(row)) return { present: 1, rows, cols: 1, kind: 'column' };
    if (row.length > cols) cols = row.length;
  }
  return { present: 1, rows, cols, kind: 'grid' };
}

/**
 * The shape of an argument read from its first row alone: the common, rectangular case costs
 * no pass of its own. The packer checks every row as it goes and throws SHAPE_CHANGED when a
 * row is wider or no array, and the batch is then packed again on `shapeOf`'s shapes.
 */
function quickShapeOf(arg) {
  if (arg === null || arg === undefined || !isArray(arg)) return shapeOf(arg);
  const rows = arg.length;
  if (rows === 0 || rows > MAX_INPUT_CELLS) return shapeOf(arg);
  const first = arg[0];
  if (!isArray(first)) return { present: 1, rows, cols: 1, kind: 'column' };
  return { present: 1, rows, cols: first.length, kind: 'grid' };
}

/** The wasm glues whose input buffers a batch is being packed into right now. */
const PACKING_IN_PLACE = new WeakSet();
/** How many times each wasm glue has started a fresh instance (after a trap). */
const RESTARTS = new WeakMap();

/** Thrown by the packer when an argument is not the shape its first row suggested. */
const SHAPE_CHANGED = new Error('the argument is not the shape its first row suggests');

const LONE_SURROGATE_TEST = /[\ud800-\udfff]/;
const SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/**
 * Packs cells into the wire format of src/bindings/wire.rs: a tag and a number slot per cell
 * (a number cell's value, a text cell's text index), and each distinct text once.
 */
class Packer {
  /**
   * @param {Uint8Array} tags room for a tag per cell, all TAG_NUMBER: the grid loop writes the
   *   tags of other cells only
   * @param {Float64Array} nums room for a number per cell
   */
  constructor(tags, nums) {
    this.tags = tags;
    this.nums = nums;
    this.texts = [];
    this.lens = [];
    this.index = new Map();
    this.t = 0;
  }
  /** The index of a text in the text stream (added on first sight). */
  text(s) {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.texts.length;
      this.index.set(s, i);
      // A lone surrogate is no character: read it as U+FFFD (as the UTF-8 encoder would), so
      // that a text ending in half a pair and the next one starting with the other half never
      // join.
      const clean = LONE_SURROGATE_TEST.test(s) ? s.replace(SURROGATES, (m) => (m.length === 2 ? m : '\ufffd')) : s;
      this.texts.push(clean);
      this.lens.push(clean.length);
    }
    return i;
  }
  cell(v) {
    const i = this.t++;
    switch (typeof v) {
      case 'number':
        this.tags[i] = TAG_NUMBER;
        this.nums[i] = v;
        return;
      case 'string':
        this.tags[i] = TAG_TEXT;
        this.nums[i] = this.text(v);
        return;
      case 'boolean':
        this.tags[i] = v ? TAG_TRUE : TAG_FALSE;
        return;
      case 'bigint':
        this.tags[i] = TAG_NUMBER;
        this.nums[i] = Number(v);
        return;
      case 'undefined':
        this.tags[i] = TAG_BLANK;
        return;
      case 'object': {
        if (v === null) {
          this.tags[i] = TAG_BLANK;
          return;
        }
        const code = errorCodeOf(v);
        if (code !== null) {
          this.tags[i] = errorTag(code);
          return;
        }
        break;
      }
    }
    // Anything else (a Date, an object, a function, a symbol) is read as its text.
    this.tags[i] = TAG_TEXT;
    let s;
    try {
      s = String(v);
    } catch {
      s = Object.prototype.toString.call(v);
    }
    this.nums[i] = this.text(s);
  }
  arg(arg, shape) {
    if (shape.kind === 'scalar') this.cell(arg);
    else if (shape.kind === 'column') for (let r = 0; r < shape.rows; r++) this.cell(arg[r]);
    else if (shape.kind === 'grid') {
      // The hot loop of a large range: numbers, blanks and known texts inline, the counter in
      // a local; everything else through cell().
      const { tags, nums, index } = this;
      const cols = shape.cols;
      let t = this.t;
      for (let r = 0; r < shape.rows; r++) {
        const row = arg[r];
        if (!isArray(row) || row.length > cols) throw SHAPE_CHANGED;
        const width = row.length;
        for (let c = 0; c < width; c++) {
          const v = row[c];
          if (typeof v === 'number') {
            nums[t++] = v; // its tag is already "number" (the buffers come that way)
          } else if (v === null || v === undefined) {
            tags[t++] = TAG_BLANK;
          } else if (typeof v === 'string') {
            const i = index.get(v);
            nums[t] = i === undefined ? this.text(v) : i;
            tags[t++] = TAG_TEXT;
          } else {
            this.t = t;
            this.cell(v);
            t = this.t;
          }
        }
        // A short row is padded with blanks.
        for (let c = width; c < cols; c++) tags[t++] = TAG_BLANK;
      }
      this.t = t;
    }
  }
}

/**
 * Reads a packed result into one value per call: a 2-D array of cells, or a CellError for a
 * whole-call error. Blank cells become `blank` and error cells `onError(CellError)` (hosts
 * give their own forms, so that no second pass converts the grids).
 */
function unpack(wasm, packed, count, blank, onError) {
  // The copies first: any wasm call may grow the memory and detach views made before it. (The
  // host's `onError` must not call Rapport while the views are read.)
  const shapes = packed.shapes();
  const text = packed.text();
  const lens = packed.text_lens();
  let tags, nums;
  if (typeof packed.tags_ptr === 'function' && typeof wasm.wasm_memory === 'function') {
    const buffer = wasm.wasm_memory().buffer;
    tags = new Uint8Array(buffer, packed.tags_ptr(), packed.tags_len());
    nums = new Float64Array(buffer, packed.nums_ptr(), packed.nums_len());
  } else {
    tags = packed.tags();
    nums = packed.nums();
  }
  let t = 0, n = 0, s = 0, k = 0;
  const nextText = () => {
    const len = lens[k++];
    const out = text.substr(s, len);
    s += len;
    return out;
  };
  const cellError = (tag) => new CellError(ERROR_CODES[tag - TAG_ERROR] ?? '#VALUE!', nextText());
  const results = new JsArray(count);
  for (let call = 0; call < count; call++) {
    const status = shapes[3 * call], rows = shapes[3 * call + 1], cols = shapes[3 * call + 2];
    if (status === 1) {
      // The whole call failed: one error cell.
      results[call] = cellError(tags[t++]);
      continue;
    }
    const grid = new JsArray(rows);
    if (cols === 1) {
      // One value per row (SEQ_SCORE, SEQ_LEVEL …): each row an array literal, the fastest
      // kind of small array to make.
      for (let r = 0; r < rows; r++) {
        const tag = tags[t++];
        let v;
        if (tag === TAG_NUMBER) v = nums[n++];
        else if (tag === TAG_TEXT) v = nextText();
        else if (tag === TAG_BLANK) v = blank;
        else if (tag === TAG_TRUE) v = true;
        else if (tag === TAG_FALSE) v = false;
        else v = onError(cellError(tag));
        grid[r] = [v];
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const row = new JsArray(cols);
        for (let c = 0; c < cols; c++) {
          const tag = tags[t++];
          if (tag === TAG_NUMBER) row[c] = nums[n++];
          else if (tag === TAG_TEXT) row[c] = nextText();
          else if (tag === TAG_BLANK) row[c] = blank;
          else if (tag === TAG_TRUE) row[c] = true;
          else if (tag === TAG_FALSE) row[c] = false;
          else row[c] = onError(cellError(tag));
        }
        grid[r] = row;
      }
    }
    results[call] = grid;
  }
  packed.free();
  return results;
}

/**
 * Wraps an initialised wasm-bindgen module (`{call_packed, catalogue, version}`, and for packing
 * in place `wasm_memory`, `input_tags`, `input_nums`, `call_input`).
 *
 * Panic containment: should the wasm trap (a bug: the engine is written never to panic), its
 * instance is dead. The engine then starts a fresh instance from the same compiled module
 * (the glue's `__wbg_reset_state`, or `options.reload()` from the host), answers the call that
 * trapped with #VALUE! ("internal error — please report") and the rest of its batch normally.
 * Hosts build the glue with wasm-bindgen's `--experimental-reset-state-function` (js/build/build.mjs).
 * @param {object} wasm the glue module
 * @param {{reload?: () => void, blank?: unknown, error?: (e: CellError) => unknown}} [options]
 *   `blank`: what a blank result cell becomes (default null); `error`: what an error result
 *   cell becomes (default the CellError itself). A whole-call error stays a CellError.
 * @returns the engine: `catalogue`, `version`, `call(name, args)`, `callBatch(name, argLists)`.
 */
export function createEngine(wasm, options = {}) {
  const blank = 'blank' in options ? options.blank : null;
  const onError = typeof options.error === 'function' ? options.error : (e) => e;
  const catalogue = wasm.catalogue();
  const byName = new Map(catalogue.map((f) => [f.name, f]));
  /** Counters for tests and diagnostics (counts only, never data). */
  const stats = { wasmCalls: 0, traps: 0 };


  /** A fresh wasm instance after a trap. */
  function restart() {
    stats.traps++;
    RESTARTS.set(wasm, (RESTARTS.get(wasm) ?? 0) + 1);
    if (typeof options.reload === 'function') options.reload();
    else if (typeof wasm.__wbg_reset_state === 'function') wasm.__wbg_reset_state();
  }

  /** One wasm call for a list of pending calls (already shaped and under the size limit). */
  function runPacked(f, pending) {
    const shapes = [];
    let cells = 0;
    for (const { argShapes } of pending) {
      for (const sh of argShapes) {
        shapes.push(sh.present, sh.rows, sh.cols);
        cells += sh.rows * sh.cols;
      }
    }
    // In place when the glue allows: the cells are written straight into the engine's input
    // buffers (no cell-sized typed arrays to allocate here, no copy across the boundary). The
    // buffers belong to the wasm instance: a call made while another is packing into them (a
    // cell's own toString calling Rapport, through this engine or another on the same glue)
    // packs on its own arrays.
    let inPlace = !PACKING_IN_PLACE.has(wasm) && typeof wasm.input_tags === 'function' && typeof wasm.wasm_memory === 'function';
    const restartsBefore = RESTARTS.get(wasm);
    let packer;
    const pack = () => {
      const tagsAt = inPlace ? wasm.input_tags(cells) : 0;
      if (tagsAt === 0) inPlace = false; // the engine has no room: pack on our own arrays
      if (inPlace) {
        const numsAt = wasm.input_nums();
        const buffer = wasm.wasm_memory().buffer;
        packer = new Packer(new Uint8Array(buffer, tagsAt, cells), new Float64Array(buffer, numsAt, cells));
      } else {
        packer = new Packer(new Uint8Array(cells).fill(TAG_NUMBER), new Float64Array(cells));
      }
      for (const { list, argShapes } of pending) {
        for (let p = 0; p < argShapes.length; p++) packer.arg(list[p], argShapes[p]);
      }
    };
    const owner = inPlace;
    if (owner) PACKING_IN_PLACE.add(wasm);
    try {
      pack();
      // Such a nested call may have grown the engine's memory, which detaches the views the
      // cells were being written to, or trapped, which replaced the instance and its buffers:
      // then pack again, on our own arrays.
      if (inPlace && (packer.nums.length !== cells || RESTARTS.get(wasm) !== restartsBefore)) {
        inPlace = false;
        pack();
      }
    } finally {
      if (owner) PACKING_IN_PLACE.delete(wasm);
    }
    stats.wasmCalls++;
    const text = packer.texts.join('');
    const lens = Uint32Array.from(packer.lens);
    const packed = inPlace
      ? wasm.call_input(f.name, Uint32Array.from(shapes), cells, text, lens)
      : wasm.call_packed(f.name, Uint32Array.from(shapes), packer.tags, packer.nums, text, lens);
    return unpack(wasm, packed, pending.length, blank, onError);
  }

  /** Runs a batch; after a trap, restarts the instance and retries each call on its own. */
  function runContained(f, pending) {
    try {
      return runPacked(f, pending);
    } catch (e) {
      if (e === SHAPE_CHANGED) throw e;
      restart();
    }
    const internal = new CellError('#VALUE!', `${f.name}: internal error — please report`);
    if (pending.length === 1) return [internal];
    return pending.map((p) => {
      try {
        return runPacked(f, [p])[0];
      } catch (e) {
        if (e === SHAPE_CHANGED) throw e;
        restart();
        return internal;
      }
    });
  }

  /** The catalogue entry for a name (any case, optional `RAPPORT.` prefix), or undefined. */
  function find(name) {
    const n = String(name).trim().toUpperCase().replace(/^RAPPORT\./, '');
    return byName.get(n);
  }

  /**
   * Calls one function many times in one wasm call. Each element of `argLists` is one call's
   * argument list. Returns, per call, a 2-D array of cells or one CellError for the whole call.
   */
  function callBatch(name, argLists) {
    const f = find(name);
    if (!f) {
      const e = new CellError('#VALUE!', `Rapport has no function named '${String(name).trim()}'`);
      return argLists.map(() => e);
    }
    try {
      return runBatch(f, argLists, quickShapeOf);
    } catch (e) {
      if (e !== SHAPE_CHANGED) throw e;
      // A ragged or mixed argument: every shape read in full, and the batch packed again.
      return runBatch(f, argLists, shapeOf);
    }
  }

  /** Runs a batch with the shapes `shapeOfArg` gives. */
  function runBatch(f, argLists, shapeOfArg) {
    const nParams = f.params.length;
    const results = new Array(argLists.length);
    const pending = [];
    argLists.forEach((args, i) => {
      const list = isArray(args) ? args : [args];
      if (list.length > nParams) {
        results[i] = new CellError('#VALUE!', `${f.name}: takes at most ${nParams} argument${nParams === 1 ? '' : 's'}, got ${list.length}`);
        return;
      }
      let argShapes = [];
      let total = 0;
      // A function without parameters still sends one empty placeholder per call.
      const shapeAll = (shape) => {
        argShapes = [];
        total = 0;
        for (let p = 0; p < Math.max(1, nParams); p++) {
          const sh = shape(list[p]);
          argShapes.push(sh);
          total += sh.rows * sh.cols;
        }
      };
      shapeAll(shapeOfArg);
      // Over the limit on shapes read from first rows: read them in full before refusing (a
      // wide first row over a column of single values is a column).
      if (total > MAX_INPUT_CELLS && shapeOfArg !== shapeOf) shapeAll(shapeOf);
      if (total > MAX_INPUT_CELLS) {
        results[i] = new CellError('#NUM!', `${f.name}: input too large: ${total} cells (the limit is ${MAX_INPUT_CELLS} cells per call)`);
        return;
      }
      pending.push({ i, list, argShapes, cells: total });
    });
    // One wasm call per group of calls holding at most MAX_INPUT_CELLS together, so that many
    // large calls arriving at once never need more engine memory than one call at the limit.
    let group = [];
    let groupCells = 0;
    const runGroup = () => {
      const out = runContained(f, group);
      group.forEach(({ i }, k) => (results[i] = out[k]));
      group = [];
      groupCells = 0;
    };
    for (const p of pending) {
      if (group.length > 0 && groupCells + p.cells > MAX_INPUT_CELLS) runGroup();
      group.push(p);
      groupCells += p.cells;
    }
    if (group.length > 0) runGroup();
    return results;
  }

  /** Calls one function: a 2-D array of cells, or one CellError for the whole call. */
  function call(name, args) {
    return callBatch(name, [args])[0];
  }

  let labels;
  return {
    catalogue,
    /** The engine's labels ({levels, stages, roles}, each low → high), read on first use. */
    get labels() {
      if (labels === undefined) labels = typeof wasm.labels === 'function' ? wasm.labels() : null;
      return labels;
    },
    version: wasm.version(),
    stats,
    find,
    call,
    callBatch,
  };
}
