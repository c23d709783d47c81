#!/usr/bin/env node
// Runs the CLI from its bundle (cli-bundle.js), a stack trace mapped back to the sources, or, where the bundle
// cannot be built, its TypeScript through the tsx loader.
import { bundledCli } from './cli-bundle.js';

const bundle = await bundledCli();
if (bundle) process.setSourceMapsEnabled(true);
else (await import('tsx/esm/api')).register();
const { main } = await import(bundle ?? '../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
