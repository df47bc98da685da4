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
