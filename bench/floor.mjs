// The floor: one JavaScript pass that only reads every input cell once and produces nothing.
// Each cell is loaded and its type dispatched as any reader must (a number is read as a
// number, a text's length is read); nothing is computed or allocated. The tally is kept in
// `sink` so that the engine cannot drop the loop as dead code.
export let sink = 0;

function readCell(v) {
  if (typeof v === 'number') return v === v ? 1 : 0;
  if (typeof v === 'string') return v.length;
  return v === null ? 0 : 2;
}

/** Reads every cell of every argument of every call once. */
export function floor(calls) {
  let tally = 0;
  for (let k = 0; k < calls.length; k++) {
    const args = calls[k];
    for (let p = 0; p < args.length; p++) {
      const a = args[p];
      if (a === null || a === undefined) continue;
      if (!Array.isArray(a)) {
        tally += readCell(a);
        continue;
      }
      for (let r = 0; r < a.length; r++) {
        const row = a[r];
        if (!Array.isArray(row)) {
          tally += readCell(row);
          continue;
        }
        for (let c = 0; c < row.length; c++) tally += readCell(row[c]);
      }
    }
  }
  sink = (sink + tally) | 0;
  return tally;
}

/**
 * The least any engine behind a boundary (wasm, a worker, a native add-in) must do to take the
 * cells in: one pass that writes each cell's number (or its text's index) into a typed array
 * allocated up front and a tag for each cell that is no number, each distinct text once
 * through a Map. It is the leanest such pass we know (the engine's own packer does more: shape
 * checks, booleans, error values, lone surrogates). Returns the pass as a function.
 */
export function copyInFloor(calls) {
  let cells = 0;
  for (const args of calls) {
    for (const a of args) {
      if (a === null || a === undefined) continue;
      if (!Array.isArray(a)) cells += 1;
      else for (const row of a) cells += Array.isArray(row) ? row.length : 1;
    }
  }
  const tags = new Uint8Array(cells);
  const nums = new Float64Array(cells);
  const isArray = Array.isArray;
  return () => {
    const index = new Map();
    let t = 0;
    for (let k = 0; k < calls.length; k++) {
      const args = calls[k];
      for (let p = 0; p < args.length; p++) {
        const a = args[p];
        if (a === null || a === undefined) continue;
        const rows = isArray(a) ? a : [a];
        for (let r = 0; r < rows.length; r++) {
          let row = rows[r];
          if (!isArray(row)) row = [row];
          for (let c = 0; c < row.length; c++) {
            const v = row[c];
            if (typeof v === 'number') nums[t++] = v;
            else if (typeof v === 'string') {
              let i = index.get(v);
              if (i === undefined) index.set(v, (i = index.size));
              nums[t] = i;
              tags[t++] = 2;
            } else tags[t++] = v === null || v === undefined ? 0 : 3;
          }
        }
      }
    }
    sink = (sink + t + index.size) | 0;
    return t;
  };
}

/**
 * The least any implementation must do to hand its results back: build arrays of the results'
 * shapes (`shapes`: [rows, cols] per call) holding numbers, each row an array literal (the
 * fastest small arrays to make). Returns the pass as a function.
 */
export function resultFloor(shapes) {
  return () => {
    const out = new Array(shapes.length);
    for (let k = 0; k < shapes.length; k++) {
      const [rows, cols] = shapes[k];
      const grid = new Array(rows);
      if (cols === 1) {
        for (let r = 0; r < rows; r++) grid[r] = [r + 0.5];
      } else {
        for (let r = 0; r < rows; r++) {
          const row = [];
          for (let c = 0; c < cols; c++) row.push(r + c + 0.5);
          grid[r] = row;
        }
      }
      out[k] = grid;
    }
    sink = (sink + out.length) | 0;
    return out;
  };
}

/**
 * W1's least arithmetic: SEQ_SCORE's weighted sums, item by item in item order (the order that
 * gives the same bits on every host), over ratings already in a typed array, each row's score
 * into a typed array. No reading of cells, no validation, no results as arrays: only the chain
 * of dependent additions every implementation must run. Returns the pass as a function.
 */
export function seqScoreArithmetic(ratings) {
  const rows = ratings.length;
  const cols = ratings.reduce((m, row) => Math.max(m, row.length), 0);
  const x = new Float64Array(rows * cols).fill(NaN);
  ratings.forEach((row, r) => row.forEach((v, c) => typeof v === 'number' && v >= 1 && v <= 5 && (x[r * cols + c] = v)));
  const w = new Float64Array(cols).fill(1);
  const out = new Float64Array(rows);
  return () => {
    let t = 0;
    for (let r = 0; r < rows; r++) {
      let weight = 0, sum = 0;
      for (let c = 0; c < cols; c++, t++) {
        const v = x[t];
        if (v === v) {
          weight += w[c];
          sum += w[c] * (v - 1);
        }
      }
      out[r] = (100 * sum) / (4 * weight);
    }
    sink = (sink + out[rows - 1]) | 0;
    return out;
  };
}
