// Debian's Chromium as the browser tests launch it: headless, no sandbox (CI runs as root),
// and none of the background traffic (updates, sync, QUIC probes) that would show as requests
// to other hosts.

import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
