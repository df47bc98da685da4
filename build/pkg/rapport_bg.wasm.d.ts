/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __wbg_packedresult_free: (a: number, b: number) => void;
export const call_packed: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number, j: number, k: number, l: number) => number;
export const catalogue: () => [number, number, number];
export const packedresult_nums: (a: number) => [number, number];
export const packedresult_shapes: (a: number) => [number, number];
export const packedresult_tags: (a: number) => [number, number];
export const packedresult_text: (a: number) => [number, number];
export const packedresult_text_lens: (a: number) => [number, number];
export const version: () => [number, number];
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
