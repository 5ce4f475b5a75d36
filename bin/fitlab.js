#!/usr/bin/env node
// The headless `fitlab` command: run, diagnose and check notebooks from a terminal or CI.
require('../dist/cli.js');
