#!/usr/bin/env node
// The headless `fitlab` command: run, diagnose and check notebooks from a terminal or CI.
try {
  require.resolve('../dist/cli.js');
} catch {
  // A fresh clone before `npm install` (whose prepare step builds), or dist/ was cleaned.
  process.stderr.write('fitlab: dist/cli.js is missing; build it first with `npm run build`\n');
  process.exit(2);
}
require('../dist/cli.js');
