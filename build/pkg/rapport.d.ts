/* tslint:disable */
/* eslint-disable */

/**
 * A packed result; JavaScript reads its fields once each.
 */
export class PackedResult {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    nums(): Float64Array;
    /**
     * (status, rows, columns) per call.
     */
    shapes(): Uint32Array;
    tags(): Uint8Array;
    text(): string;
    text_lens(): Uint32Array;
}

export function __wbg_reset_state(): void;

/**
 * Calls a Rapport function once or many times (a batch) with packed arguments (see `wire`).
 */
export function call_packed(name: string, shapes: Uint32Array | number[], tags: Uint8Array | number[], nums: Float64Array | number[], text: string, text_lens: Uint32Array | number[]): PackedResult;

/**
 * The whole catalogue (names, descriptions, parameters, result shapes) as a JS object.
 */
export function catalogue(): any;

/**
 * The engine's version.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_packedresult_free: (a: number, b: number) => void;
    readonly call_packed: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number, j: number, k: number, l: number) => number;
    readonly catalogue: () => [number, number, number];
    readonly packedresult_nums: (a: number) => [number, number];
    readonly packedresult_shapes: (a: number) => [number, number];
    readonly packedresult_tags: (a: number) => [number, number];
    readonly packedresult_text: (a: number) => [number, number];
    readonly packedresult_text_lens: (a: number) => [number, number];
    readonly version: () => [number, number];
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
