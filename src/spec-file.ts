/**
 * Reading a spec file, which may come from a pull request and so may be anything: a size limit
 * checked before reading (and a byte cap while reading, for pipes and devices that never end),
 * binary content refused from its first bytes, and strict UTF-8 that names the offset of the first
 * bad byte instead of turning it into U+FFFD. A UTF-8 byte-order mark is accepted.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** The largest spec pgdrift reads: far above any real schema (40,000 tables take about 15 MB). */
export const SPEC_SIZE_LIMIT = 20 * 1024 * 1024;

const CHUNK = 1024 * 1024;
const UTF16 = 'it is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8';

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * The text of the spec file at `path`. Throws an Error whose message says what is wrong in a few
 * words (the caller names the file); errors from the file system (ENOENT …) are thrown as they
 * are, with their `code`.
 */
export function readSpecFile(path: string, limit = SPEC_SIZE_LIMIT): string {
  // A FIFO is opened as any reader would (waiting for its writer); anything else without blocking.
  const fifo = statSync(path).isFIFO();
  const fd = openSync(path, fifo ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error('it is a folder, not a file');
    if (stat.isFile() && stat.size > limit) throw new Error(`it is ${megabytes(stat.size)}, over the ${megabytes(limit)} limit for a spec`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const bytes = chunk.subarray(0, n);
      if (total === 0 && n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
        throw new Error(UTF16);
      const nul = bytes.indexOf(0);
      if (nul >= 0) throw new Error(`it is not a text file (a NUL byte at offset ${total + nul})`);
      chunks.push(bytes);
      total += n;
      if (total > limit) throw new Error(`it is over the ${megabytes(limit)} limit for a spec`);
    }
    return decodeUtf8(Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

/** Strict UTF-8 (a leading byte-order mark dropped); an error names the offset of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error(UTF16);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line += 1;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new Error(
      `it is not valid UTF-8: byte 0x${byte} at offset ${offset} (line ${line}) does not start a UTF-8 character (save the file as UTF-8)`,
    );
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}
