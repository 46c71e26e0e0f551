#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from './main.js';

declare const PGDRIFT_VERSION: string | undefined;

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  isTTY: Boolean(process.stdout.isTTY),
}, typeof PGDRIFT_VERSION === 'string' ? PGDRIFT_VERSION : '0.1.0');
process.exitCode = code;
