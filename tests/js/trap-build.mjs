// Builds the test-only engine (cargo feature `test-trap`) into build/test-pkg, with the same
// wasm-bindgen flags as the shipped one, in its own target dir so the shipped wasm is never
// touched. A call whose text holds TEST_TRAP panics in it, which release wasm turns into a trap.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

export const TEST_TRAP = '__rapport_test_trap__';
export const TEST_PKG = join(ROOT, 'build/test-pkg');

export function buildTrapPkg() {
  const targetDir = join(ROOT, 'target/test-trap');
  execFileSync('cargo', ['build', '--lib', '--release', '--target', 'wasm32-unknown-unknown', '--features', 'test-trap', '--target-dir', targetDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // Overwritten in place (same content on every run), so test files may share it.
  execFileSync('wasm-bindgen', ['--target', 'web', '--experimental-reset-state-function', '--out-dir', TEST_PKG, '--out-name', 'rapport', join(targetDir, 'wasm32-unknown-unknown/release/rapport.wasm')], { cwd: ROOT, stdio: 'inherit' });
  return TEST_PKG;
}
