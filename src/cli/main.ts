/**
 * The CLI orchestrator: reads its arguments once into settings, runs one command, prints, and maps
 * errors to exit codes (0 no drift, 1 drift found, 2 error). Side effects arrive through `deps`.
 */
import { parseArgs } from 'node:util';
import { PartiallyAppliedError, PgDriftError, UsageError } from '../core/errors.js';
import { renderMarkdown, renderText, type Report } from '../core/report.js';
import { toSpec } from '../core/spec.js';
import { planToJson, renderPlanSql } from '../core/render-plan.js';
import { connect, parseDatabaseUrl, type ConnectOptions } from '../db/connect.js';
import { guardQuery } from '../core/guard.js';
import { EMBEDDED_VERSIONS, startEmbedded, type EmbeddedServer, type EmbeddedVersion } from '../db/embedded.js';
import { schemaFromSql } from '../db/from-sql.js';
import { Session } from '../db/session.js';
import { DEFAULTS } from '../defaults.js';
import { apply, check, database, plan, snapshot, specSource, type ApplyResult, type SpecSource } from '../engine.js';

export const EXIT = { ok: 0, drift: 1, error: 2, partiallyApplied: 3 } as const;
export const COMMANDS = ['snapshot', 'check', 'plan', 'apply', 'guard'] as const;
export type Command = (typeof COMMANDS)[number];
export const FORMATS = ['text', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliDeps {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
  /** Reads a spec file (size-limited, strict UTF-8); readFile when absent. */
  readSpec?: (path: string) => string;
  writeFile: (path: string, text: string) => void;
}

export interface Settings {
  command: Command;
  databaseUrl: string;
  spec: string | undefined;
  schemas: string[];
  output: string | undefined;
  format: Format;
  connect: ConnectOptions;
  /** --connect-timeout when given: it wins over the URL's connect_timeout. */
  connectTimeoutFlag: number | undefined;
  allowDestructive: boolean;
  dryRun: boolean;
  concurrently: boolean;
  lockTimeout: number;
  statementTimeout: number;
  lockRetries: number;
  lockWait: number;
  /** Run against a throwaway PostgreSQL of this major version instead of --database-url. */
  embedded: EmbeddedVersion | undefined;
  /** SQL file loaded into the embedded database first. */
  seed: string | undefined;
  /** SQL files that are the desired state (or, for snapshot, the schema to write): loaded into a scratch database. */
  fromSql: string[];
  /** Where --from-sql loads the files: a server where pgdrift may create a database; an embedded one when absent. */
  scratchUrl: string | undefined;
  /** Seconds to keep trying to connect while the database is not up yet. */
  wait: number;
}

export const HELP = `pgdrift — detect and repair schema drift in PostgreSQL

Usage:
  pgdrift snapshot [--schema NAME]... [--output FILE]    write the live schema as a spec
  pgdrift check --spec FILE [--format text|markdown|json] compare the live schema with a spec
  pgdrift plan --spec FILE [--format text|json]          print the SQL that brings the database to the spec
  pgdrift apply --spec FILE                              run that SQL in one transaction, verified before commit
  pgdrift guard --spec FILE [--output FILE]              print a read-only query an app runs at start-up:
                                                         one row per piece it needs that the database lacks

Options:
  --database-url URL      connection string, postgres://user:password@host:port/db?sslmode=…
                          or "host=… dbname=… user=…" (default: $DATABASE_URL)
  --spec FILE             the JSON spec (default: ${DEFAULTS.spec})
  --schema NAME           schema to read; repeat for several (snapshot: default all; check: the spec's)
  --output FILE           write the result to FILE instead of standard output
  --format FORMAT         text (default), markdown or json
  --connect-timeout SECS  seconds to wait for a connection (default: the URL's connect_timeout, or ${DEFAULTS.connectTimeout})
  --connect-retries N     retries of a connection that timed out (default ${DEFAULTS.connectRetries})
  --embedded              run against a throwaway PostgreSQL started from npm's binaries, not a URL
  --embedded-version N    its major version: 14 to 18 (default 15)
  --seed FILE             with --embedded: SQL to load into it first (e.g. a schema dump)
  --from-sql FILE         SQL files (repeat for several, run in order) as the desired state instead of
                          --spec; snapshot --from-sql writes them as a spec. They run on a scratch
                          database: an embedded PostgreSQL, or a new database on --scratch-url
  --scratch-url URL       a server where pgdrift may create and drop a database, for --from-sql
  --wait SECS             keep trying to connect for up to SECS while the database starts (a Neon
                          compute waking, a container booting), then run once (default 0)

Options of plan and apply:
  --allow-destructive     include destructive changes (drops, narrowing types); withheld by default
  --concurrently          build indexes on existing tables with CREATE INDEX CONCURRENTLY, after the transaction
  --dry-run               (apply) run everything, verification included, then roll back
  --lock-timeout SECS     how long one statement may wait for a table lock (default ${DEFAULTS.lockTimeout})
  --lock-retries N        retries of the whole transaction after a lock time-out (default ${DEFAULTS.lockRetries})
  --statement-timeout SECS  how long one statement may run, 0 for no limit (default ${DEFAULTS.statementTimeout})
  --lock-wait SECS        how long to wait for another pgdrift apply on the same database (default ${DEFAULTS.lockWait})
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 no drift (apply: converged), 1 drift found (apply: drift remains because destructive
changes were withheld), 2 error (nothing was changed), 3 apply committed its transaction but a
step after it failed (--concurrently index builds; rerun apply).
`;

/** Reads argv into validated settings, or throws UsageError naming the bad flag. */
export function readSettings(argv: string[], env: CliDeps['env']): Settings | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'database-url': { type: 'string' },
        spec: { type: 'string' },
        schema: { type: 'string', multiple: true },
        output: { type: 'string' },
        format: { type: 'string' },
        'connect-timeout': { type: 'string' },
        'connect-retries': { type: 'string' },
        'allow-destructive': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        concurrently: { type: 'boolean' },
        'lock-timeout': { type: 'string' },
        'statement-timeout': { type: 'string' },
        'lock-retries': { type: 'string' },
        'lock-wait': { type: 'string' },
        embedded: { type: 'boolean' },
        'embedded-version': { type: 'string' },
        seed: { type: 'string' },
        'from-sql': { type: 'string', multiple: true },
        'scratch-url': { type: 'string' },
        wait: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run pgdrift --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const command = positionals[0];
  if (!command) throw new UsageError(`no command given: expected one of ${COMMANDS.join(', ')}. Run pgdrift --help.`);
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new UsageError(`unknown command "${command}": expected one of ${COMMANDS.join(', ')}`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const embeddedRaw = values['embedded-version'];
  const embeddedVersion = embeddedRaw === undefined ? 15 : Number(embeddedRaw);
  if (!(EMBEDDED_VERSIONS as readonly number[]).includes(embeddedVersion)) {
    throw new UsageError(
      `--embedded-version ${embeddedRaw} is not a version pgdrift ships: expected one of ${EMBEDDED_VERSIONS.join(', ')}`,
    );
  }
  const embedded = values.embedded || embeddedRaw !== undefined ? (embeddedVersion as EmbeddedVersion) : undefined;
  if (values.seed !== undefined && embedded === undefined)
    throw new UsageError('--seed loads SQL into an embedded database: add --embedded');
  if (embedded !== undefined && values['database-url'] !== undefined)
    throw new UsageError('give either --database-url or --embedded, not both');
  const fromSql = values['from-sql'] ?? [];
  if (fromSql.length && values.spec !== undefined) throw new UsageError('give either --spec or --from-sql, not both');
  if (values['scratch-url'] !== undefined && !fromSql.length)
    throw new UsageError('--scratch-url is where --from-sql loads its files: add --from-sql');
  if (command === 'guard' && (embedded !== undefined || values['database-url'] !== undefined))
    throw new UsageError('guard reads only the spec and connects to no database: drop --database-url and --embedded');
  // guard reads no database; snapshot --from-sql reads the scratch one.
  const needsDatabase = command !== 'guard' && !(command === 'snapshot' && fromSql.length);
  const databaseUrl = embedded !== undefined || !needsDatabase ? '' : (values['database-url'] ?? env.DATABASE_URL);
  if (needsDatabase && (databaseUrl === undefined || (databaseUrl === '' && embedded === undefined))) {
    throw new UsageError('no database: pass --database-url, set DATABASE_URL, or try --embedded');
  }
  const format = (values.format ?? 'text') as Format;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format ${format} is not a format: expected text, markdown or json`);
  const number = (flag: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${flag} ${raw} is not a number of at least ${min}`);
    return n;
  };
  return {
    command: command as Command,
    databaseUrl: databaseUrl ?? '',
    spec: values.spec ?? (command === 'snapshot' || fromSql.length ? undefined : DEFAULTS.spec),
    schemas: values.schema ?? [],
    output: values.output,
    format,
    connect: {
      connectTimeout: number('connect-timeout', values['connect-timeout'], DEFAULTS.connectTimeout, 0.1),
      retries: Math.floor(number('connect-retries', values['connect-retries'], DEFAULTS.connectRetries, 0)),
    },
    connectTimeoutFlag:
      values['connect-timeout'] === undefined
        ? undefined
        : number('connect-timeout', values['connect-timeout'], DEFAULTS.connectTimeout, 0.1),
    allowDestructive: values['allow-destructive'] ?? DEFAULTS.allowDestructive,
    dryRun: values['dry-run'] ?? DEFAULTS.dryRun,
    concurrently: values.concurrently ?? false,
    lockTimeout: number('lock-timeout', values['lock-timeout'], DEFAULTS.lockTimeout, 0.001),
    statementTimeout: number('statement-timeout', values['statement-timeout'], DEFAULTS.statementTimeout, 0),
    lockRetries: Math.floor(number('lock-retries', values['lock-retries'], DEFAULTS.lockRetries, 0)),
    lockWait: number('lock-wait', values['lock-wait'], DEFAULTS.lockWait, 0),
    embedded,
    seed: values.seed,
    fromSql,
    scratchUrl: values['scratch-url'],
    wait: number('wait', values.wait, 0, 0),
  };
}

function render(report: Report, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report);
}

function renderApply(result: ApplyResult, format: Format): string {
  const report = result.report;
  if (format === 'json') {
    return `${JSON.stringify({ version: 1, status: result.status, applied: result.applied, verified: result.verified, invalidIndexes: result.invalidIndexes, plan: planToJson(result.plan), report }, null, 2)}\n`;
  }
  const n = result.applied;
  const head =
    result.status === 'dry-run'
      ? `Dry run: ${n} statement${n === 1 ? '' : 's'} ran and verified, then rolled back. Nothing was changed.`
      : n === 0
        ? 'Nothing to apply.'
        : `Applied ${n} statement${n === 1 ? '' : 's'}${result.committedFirst ? `: ${result.committedFirst} new enum value${result.committedFirst === 1 ? '' : 's'} committed first, then the rest` : ''} in one transaction, verified before commit.`;
  const invalid = result.invalidIndexes.length ? `\nInvalid indexes left by concurrent builds: ${result.invalidIndexes.join(', ')}` : '';
  const body = format === 'markdown' ? renderMarkdown(report) : renderText(report);
  return `${head}${invalid}\n\n${result.status === 'dry-run' ? 'The database as it still is:\n' : ''}${body}`;
}

function readSpecFile(deps: CliDeps, path: string): string {
  try {
    return (deps.readSpec ?? deps.readFile)(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT')
      throw new UsageError(`spec file ${path} does not exist (pass --spec, or create one with pgdrift snapshot --output ${path})`);
    throw new UsageError(`cannot read spec file ${path}: ${(error as Error).message}`);
  }
}

/** Runs the CLI and returns its exit code. */
export async function runCli(argv: string[], deps: CliDeps, version = '0.0.0'): Promise<number> {
  try {
    const settings = readSettings(argv, deps.env);
    if (settings === 'help') {
      deps.stdout(HELP);
      return EXIT.ok;
    }
    if (settings === 'version') {
      deps.stdout(`${version}\n`);
      return EXIT.ok;
    }
    return await runCommand(settings, deps);
  } catch (error) {
    deps.stderr(`pgdrift: ${errorLine(error, Boolean(deps.env.PGDRIFT_DEBUG))}\n`);
    return error instanceof PartiallyAppliedError ? EXIT.partiallyApplied : EXIT.error;
  }
}

/** One line for an error; a password never appears because messages are built from the target. */
export function errorLine(error: unknown, debug = false): string {
  if (error instanceof PgDriftError) return error.message;
  const text = debug ? ((error as Error)?.stack ?? String(error)) : ((error as Error)?.message ?? String(error)).replace(/\s*\n\s*/g, ' ');
  return `unexpected error: ${text}${debug ? '' : ' (set PGDRIFT_DEBUG=1 for the stack trace)'}`;
}

function readSpec(deps: CliDeps, settings: Settings, file: string): SpecSource {
  return specSource(readSpecFile(deps, file), file, settings.schemas);
}

async function runCommand(settings: Settings, deps: CliDeps): Promise<number> {
  let spec: SpecSource | undefined;
  if (settings.fromSql.length) {
    // The SQL files, run on a scratch database and read back, are the spec.
    const files = settings.fromSql.map((path) => ({ path, text: readSpecFile(deps, path) }));
    const schema = await schemaFromSql(files, {
      ...(settings.scratchUrl ? { scratchUrl: settings.scratchUrl } : {}),
      log: (line) => deps.stderr(`${line}\n`),
    });
    const text = `${JSON.stringify(toSpec(schema), null, 2)}\n`;
    if (settings.command === 'snapshot') {
      emit(settings, deps, text);
      return EXIT.ok;
    }
    spec = specSource(text, settings.fromSql.join(', '), settings.schemas);
  } else if (settings.spec !== undefined && settings.command !== 'snapshot') {
    spec = readSpec(deps, settings, settings.spec);
  }
  if (settings.command === 'guard') {
    emit(settings, deps, guardQuery(spec!.parse().schema));
    return EXIT.ok;
  }
  // check and plan read the live catalog while they check the spec; apply needs the spec first.
  if (spec && ((settings.command !== 'check' && settings.command !== 'plan') || settings.embedded !== undefined)) spec.parse();
  if (settings.embedded === undefined) return runOn(settings, deps, spec, settings.databaseUrl);
  const seed = settings.seed === undefined ? undefined : readSeed(deps, settings.seed);
  let server: EmbeddedServer | undefined;
  try {
    server = await startEmbedded({ version: settings.embedded });
    deps.stderr(`Started an embedded PostgreSQL ${server.version} (removed when pgdrift exits).\n`);
    if (seed !== undefined) {
      const session = new Session(await connect(parseDatabaseUrl(server.url), settings.connect));
      try {
        await session.query(`loading ${settings.seed}`, seed);
      } finally {
        await session.close();
      }
    }
    return await runOn(settings, deps, spec, server.url);
  } finally {
    await server?.stop();
  }
}

function readSeed(deps: CliDeps, path: string): string {
  try {
    return deps.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the seed file ${path}: ${(error as Error).message}`);
  }
}

function emit(settings: Settings, deps: CliDeps, text: string): void {
  if (settings.output) deps.writeFile(settings.output, text);
  else deps.stdout(text);
}

async function runOn(settings: Settings, deps: CliDeps, source: SpecSource | undefined, databaseUrl: string): Promise<number> {
  // settings.connect.connectTimeout is the flag's value when it was given; then it wins over the URL's.
  const db = database(
    databaseUrl,
    {
      ...settings.connect,
      timeoutOverridesUrl: settings.connectTimeoutFlag !== undefined,
      wait: settings.wait,
      onWait: (reason) => deps.stderr(`Waiting up to ${settings.wait}s for the database: ${reason}\n`),
    },
    source,
  );
  const emit = (text: string): void => (settings.output ? deps.writeFile(settings.output, text) : deps.stdout(text));
  if (settings.command === 'snapshot') {
    emit(`${JSON.stringify(toSpec(await snapshot(db, settings.schemas)), null, 2)}\n`);
    return EXIT.ok;
  }
  if (settings.command === 'apply') {
    const result = await apply(db, source!, { ...settings, log: (line) => deps.stderr(`${line}\n`) });
    emit(renderApply(result, settings.format));
    // A dry run leaves the drift in place by design: it succeeded when only withheld changes would remain.
    if (result.status === 'dry-run') return result.plan.withheld.length ? EXIT.drift : EXIT.ok;
    return result.report.drift ? EXIT.drift : EXIT.ok;
  }
  if (settings.command === 'plan') {
    const result = await plan(db, source!, settings);
    emit(settings.format === 'json' ? `${JSON.stringify(planToJson(result.plan), null, 2)}\n` : renderPlanSql(result.plan));
    return result.plan.statements.length || result.plan.withheld.length ? EXIT.drift : EXIT.ok;
  }
  const result = await check(db, source!);
  emit(render(result.report, settings.format));
  return result.report.drift ? EXIT.drift : EXIT.ok;
}
