#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { readSpecFile } from '../spec-file.js';
import { VERSION } from '../version.js';
import { runCli } from './main.js';

const code = await runCli(
  process.argv.slice(2),
  {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    readSpec: (path) => readSpecFile(path),
    writeFile: (path, text) => writeFileSync(path, text),
  },
  VERSION,
);
process.exitCode = code;
