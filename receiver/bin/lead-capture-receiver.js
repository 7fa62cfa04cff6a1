#!/usr/bin/env node
// The command: npx lead-capture-receiver --help
import { main } from '../dist/cli.js';

await main(process.argv.slice(2), process.env);
