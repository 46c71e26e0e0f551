/**
 * A spec from SQL files: the files (DDL as teams keep it: CREATE TABLE IF NOT EXISTS, ALTER TABLE
 * … ADD COLUMN IF NOT EXISTS, extensions, functions) are run on a throwaway database, which is
 * then read like any live one. The throwaway database is a new database on a scratch server the
 * user names (`--scratch-url`, a CI service container), dropped afterwards, or an embedded
 * PostgreSQL started for the purpose and removed.
 */
import { randomBytes } from 'node:crypto';
import { PgDriftError } from '../core/errors.js';
import { quoteIdent } from '../core/ident.js';
import type { Schema } from '../core/model.js';
import { lineAndColumn, splitStatements } from '../core/sql-script.js';
import { connect, parseDatabaseUrl, type ParsedUrl } from './connect.js';
import { startEmbedded, type EmbeddedVersion } from './embedded.js';
import { introspect } from './introspect.js';
import { Session } from './session.js';

const CONNECT = { connectTimeout: 10, retries: 3, applicationName: 'pgdrift-scratch' };

export interface SqlFile {
  /** As the user named it, for messages. */
  path: string;
  text: string;
}

/** A statement of a SQL file failed on the scratch database. */
export class SqlFileError extends PgDriftError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('sql-file', message, options);
    this.name = 'SqlFileError';
  }
}

export interface ScratchOptions {
  /** A server where the user may create and drop databases; without it, an embedded one. */
  scratchUrl?: string;
  /** The embedded server's major version. */
  embeddedVersion?: EmbeddedVersion;
  /** Schemas to read; default all but PostgreSQL's own. */
  schemas?: string[];
  /** Progress lines for a person. */
  log?: (line: string) => void;
}

/**
 * Runs `files` in order, statement by statement, on `session`. A failing statement stops it with
 * one line: `file:line:column: PostgreSQL's message`, the position being PostgreSQL's when it
 * gives one, else the statement's start.
 */
export async function runSqlFiles(session: Session, files: SqlFile[]): Promise<void> {
  for (const file of files) {
    const text = file.text.replace(/^\uFEFF/, '');
    for (const statement of splitStatements(text)) {
      try {
        await session.client.query(statement.sql);
      } catch (error) {
        const e = error as { message?: string; position?: string };
        const inStatement = e.position !== undefined ? Math.max(0, Number(e.position) - 1) : 0;
        const { line, column } = lineAndColumn(text, statement.offset + inStatement);
        throw new SqlFileError(`${file.path}:${line}:${column}: ${e.message ?? String(error)}`, { cause: error });
      }
    }
  }
}

/** The schema the SQL files build, read from a throwaway database. */
export async function schemaFromSql(files: SqlFile[], options: ScratchOptions = {}): Promise<Schema> {
  if (options.scratchUrl) return onScratchServer(options.scratchUrl, files, options);
  const server = await startEmbedded(options.embeddedVersion ? { version: options.embeddedVersion } : {});
  options.log?.(`Started an embedded PostgreSQL ${server.version} to load the SQL into (removed when done).`);
  try {
    return await loadAndRead(parseDatabaseUrl(server.url), files, options);
  } finally {
    await server.stop();
  }
}

async function onScratchServer(scratchUrl: string, files: SqlFile[], options: ScratchOptions): Promise<Schema> {
  const url = parseDatabaseUrl(scratchUrl);
  const name = `pgdrift_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new Session(await connect(url, CONNECT));
  try {
    await admin.query('creating the scratch database', `CREATE DATABASE ${quoteIdent(name)}`);
    try {
      return await loadAndRead(
        { ...url, target: { ...url.target, database: name }, config: { ...url.config, database: name } },
        files,
        options,
      );
    } finally {
      await admin.query('dropping the scratch database', `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await admin.close();
  }
}

async function loadAndRead(url: ParsedUrl, files: SqlFile[], options: ScratchOptions): Promise<Schema> {
  const session = new Session(await connect(url, CONNECT));
  try {
    await runSqlFiles(session, files);
    const { schema } = await introspect(session, options.schemas?.length ? options.schemas : undefined);
    return schema;
  } finally {
    await session.close();
  }
}
