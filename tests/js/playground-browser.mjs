// Shared by the browser tests: Chromium from Debian driven by playwright-core, on loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh Chromium with its own profile; close() removes both. */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'rapport-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1500, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Is a URL on this machine (the loopback range)? */
export function isLoopback(url) {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  return /^127\.\d+\.\d+\.\d+$/.test(u.hostname) || u.hostname === 'localhost' || u.hostname === '[::1]';
}
