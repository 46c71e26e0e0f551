/**
 * A spec file is untrusted input: whatever the file is (huge, endless, binary, not UTF-8), the CLI
 * answers with one line naming the file and what is wrong, exit code 2, without reading more than
 * the limit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8, readSpecFile, SPEC_SIZE_LIMIT } from '../../src/spec-file.js';
import { cli, repoRoot, type CliRun } from '../helpers/cli.js';

/** Nothing listens here: a spec that is read at all would fail on the connection instead. */
const URL = 'postgres://postgres@127.0.0.1:1/postgres';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pgdrift-spec-file-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function expectRefusal(run: CliRun, path: string, what: string): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^pgdrift: [^\n]+\n$/);
  expect(run.stderr).toContain(`cannot read spec file ${path}: ${what}`);
}

describe('reading a spec file', () => {
  it('refuses /dev/zero at once, in one line, from the CLI process itself', { timeout: 30_000 }, () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli/index.ts'), 'check', '--database-url', URL, '--spec', '/dev/zero'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(run.signal).toBeNull();
    expectRefusal(
      { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr },
      '/dev/zero',
      'it is not a text file (a NUL byte at offset 0)',
    );
  });

  it('refuses a file over the limit before reading it', async () => {
    const path = join(dir, 'huge.json');
    const fd = openSync(path, 'w');
    // Sparse: 3 GB on paper, nothing on disk; reading it would take minutes and all memory.
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    expectRefusal(await cli(['check', '--database-url', URL, '--spec', path]), path, 'it is 3072 MB, over the 20 MB limit for a spec');
  });

  it('stops reading an endless pipe at the limit', { timeout: 60_000 }, async () => {
    const fifo = join(dir, 'endless.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A writer that never stops: `yes` writes "{" lines until the reader goes away.
    const writer = spawn('/bin/sh', ['-c', 'exec yes "{" > "$0"', fifo], { stdio: 'ignore' });
    try {
      expectRefusal(await cli(['check', '--database-url', URL, '--spec', fifo]), fifo, 'it is over the 20 MB limit for a spec');
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('refuses a binary file from its first NUL byte', async () => {
    const path = file('binary.json', Buffer.concat([Buffer.from('{"version": 1,\n'), Buffer.from([0x00, 0x01, 0x02])]));
    expectRefusal(await cli(['check', '--database-url', URL, '--spec', path]), path, 'it is not a text file (a NUL byte at offset 15)');
  });

  it('refuses Latin-1 text naming the offset and line of the first bad byte', async () => {
    const path = file(
      'latin1.json',
      Buffer.concat([
        Buffer.from('{\n  "version": 1,\n  "tables": { "caf'),
        Buffer.from([0xe9]),
        Buffer.from('": { "columns": {} } }\n}\n'),
      ]),
    );
    expectRefusal(
      await cli(['check', '--database-url', URL, '--spec', path]),
      path,
      'it is not valid UTF-8: byte 0xE9 at offset 36 (line 3)',
    );
  });

  it('refuses UTF-16 with a hint', async () => {
    const path = file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"version": 1}', 'utf16le')]));
    expectRefusal(await cli(['check', '--database-url', URL, '--spec', path]), path, 'it is UTF-16');
  });

  it('refuses a folder', async () => {
    expectRefusal(await cli(['check', '--database-url', URL, '--spec', dir]), dir, 'it is a folder, not a file');
  });

  it('accepts a UTF-8 byte-order mark: the spec is read, and the connection is what fails', async () => {
    const path = file(
      'bom.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"version": 1, "tables": {"café": {"columns": {"id": "int"}}}}')]),
    );
    expect(readSpecFile(path)).toBe('{"version": 1, "tables": {"café": {"columns": {"id": "int"}}}}');
    const run = await cli(['check', '--database-url', URL, '--spec', path, '--connect-retries', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('could not connect to postgres@127.0.0.1:1/postgres');
  });

  it('reads a file of exactly the limit', () => {
    const path = file('limit.json', `"${'a'.repeat(SPEC_SIZE_LIMIT - 2)}"`);
    expect(readSpecFile(path)).toHaveLength(SPEC_SIZE_LIMIT);
    expect(() => readSpecFile(path, SPEC_SIZE_LIMIT - 1)).toThrow('over the 20.0 MB limit');
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid text', Buffer.from('a é 😀 中'), 13],
    ['a Latin-1 byte', Buffer.from([0x61, 0xe9, 0x62]), 1],
    ['a lone continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf]), 0],
    ['a surrogate encoded', Buffer.from([0x61, 0xed, 0xa0, 0x80]), 1],
    ['a sequence cut short by the end', Buffer.from([0x61, 0x62, 0xe4, 0xb8]), 2],
    ['a sequence cut short by ASCII', Buffer.from([0xf0, 0x9f, 0x98, 0x41]), 0],
    ['beyond U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
  ])('%s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(bytes)).toBe(offset);
    if (offset < bytes.length) expect(() => decodeUtf8(bytes)).toThrow(`at offset ${offset}`);
    else expect(decodeUtf8(bytes)).toBe(bytes.toString('utf8'));
  });
});
