//! `rapport-bench`: the native side of the benchmark (bench/run.mjs). It reads workloads
//! written by the JavaScript harness and times the engine on them with no JavaScript at all.
//!
//!   rapport-bench FILE.json...     one workload per file:
//!                                  {"id", "function", "calls": [[args as JSON]...], "warmup", "runs"}
//!
//! Prints one JSON object: per workload, the median and every timed run (in milliseconds) of
//! the packed round trip as the wasm entry point runs it (`wire::call_in_place`: the cells
//! read where they lie in the input buffers, the call, the results packed), the same for
//! `rapport::call` on cells built natively, and for encoding the results alone, and the
//! results themselves (to check every path agrees).
//! It is a native binary only: nothing of it is in the wasm.

use rapport::bindings::wire::{self, Packed};
use rapport::json::{args_from_json, result_to_json};
use rapport::{call, Grid};
use serde_json::{json, Value};
use std::process::ExitCode;
use std::time::Instant;

type CallArgs = Vec<Option<Grid>>;

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match (v.get(n / 2), n.checked_sub(1).and_then(|i| v.get(i / 2))) {
        (Some(a), Some(b)) if n % 2 == 0 => (a + b) / 2.0,
        (Some(a), _) => *a,
        _ => f64::NAN,
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Times `f` `warmup + runs` times and keeps the last `runs`.
fn timed(warmup: usize, runs: usize, mut f: impl FnMut() -> f64) -> Vec<f64> {
    for _ in 0..warmup {
        f();
    }
    (0..runs).map(|_| f()).collect()
}

fn workload(path: &str) -> Result<(String, Value), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let id = doc
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string();
    let func = doc
        .get("function")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let warmup = doc.get("warmup").and_then(Value::as_u64).unwrap_or(1) as usize;
    let runs = doc.get("runs").and_then(Value::as_u64).unwrap_or(5).max(1) as usize;
    let calls: Vec<CallArgs> = doc
        .get("calls")
        .and_then(Value::as_array)
        .ok_or("calls must be an array")?
        .iter()
        .map(args_from_json)
        .collect::<Result<_, _>>()?;
    drop(doc);
    drop(text);
    let params = rapport::find(&func)
        .ok_or_else(|| format!("no function {func}"))?
        .params
        .len();

    // rapport::call alone: the arguments are cloned before the clock starts.
    let mut results = Vec::new();
    let call_ms = timed(warmup, runs, || {
        let inputs = calls.clone();
        let t = Instant::now();
        let out: Vec<_> = inputs.into_iter().map(|a| call(&func, a)).collect();
        let elapsed = ms(t);
        results = out;
        elapsed
    });

    // The packed round trip, as the wasm entry point runs it: the cells already in the input
    // buffers (JavaScript writes them there in place), read where they lie, the results packed.
    let packed = Packed::from_calls(params, &calls);
    let count = packed.tags.len();
    let mut buffers = Some((packed.tags.clone(), packed.nums.clone()));
    let wire_ms = timed(warmup, runs, || {
        let (tags, nums) = buffers.take().unwrap_or_default();
        let t = Instant::now();
        let (out, tags, nums) = wire::call_in_place(
            &func,
            &packed.shapes,
            tags,
            nums,
            count,
            &packed.text,
            &packed.text_lens,
        );
        let elapsed = ms(t);
        std::hint::black_box(out);
        buffers = Some((tags, nums));
        elapsed
    });

    // Encoding the results alone (part of the round trip).
    let encode_ms = timed(warmup, runs, || {
        let t = Instant::now();
        let mut out = Packed::default();
        for r in &results {
            out.push_result(r);
        }
        let elapsed = ms(t);
        std::hint::black_box(out);
        elapsed
    });

    let json_results: Vec<Value> = results.iter().map(result_to_json).collect();
    Ok((
        id,
        json!({
            "function": func,
            "calls": calls.len(),
            "call_ms": median(&call_ms),
            "call_runs_ms": call_ms,
            "wire_ms": median(&wire_ms),
            "wire_runs_ms": wire_ms,
            "encode_ms": median(&encode_ms),
            "results": json_results,
        }),
    ))
}

fn main() -> ExitCode {
    let mut out = serde_json::Map::new();
    for path in std::env::args().skip(1) {
        match workload(&path) {
            Ok((id, v)) => {
                out.insert(id, v);
            }
            Err(e) => {
                eprintln!("rapport-bench: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{}", Value::Object(out));
    ExitCode::SUCCESS
}
