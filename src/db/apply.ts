/**
 * Applies a plan and proves the result, or changes nothing.
 *
 * Everything happens in one transaction: take the migration lock, read the live schema, plan,
 * run the statements, read the schema again and diff it against the spec, and commit only if what
 * remains is exactly the withheld destructive changes. lock_timeout and statement_timeout are set
 * per transaction; a lock time-out rolls back and retries a bounded number of times.
 */
import { objectName, type Change, type TableObjectRef } from '../core/diff.js';
import { DatabaseError, PartiallyAppliedError, type PgDriftError } from '../core/errors.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../core/ident.js';
import type { Plan } from '../core/plan.js';
import { describeChange, type Report } from '../core/report.js';
import type { ParsedSpec } from '../core/spec.js';
import { compare, planComparison, reportOf, type Comparison, type PlanChoices } from './compare.js';
import { introspect, type InvalidIndex } from './introspect.js';
import type { Session } from './session.js';

/** How apply runs: what the plan may do, how long it may wait, and where its progress goes. */
export interface ApplyOptions extends PlanChoices {
  /** Run everything, verification included, then roll back. */
  dryRun: boolean;
  /** Seconds a statement may wait for a lock before giving up (lock_timeout). */
  lockTimeout: number;
  /** Seconds one statement may run (statement_timeout); 0 for no limit. */
  statementTimeout: number;
  /** Further attempts after a lock time-out, with backoff. */
  lockRetries: number;
  /** Seconds to wait for another pgdrift apply on the same database (or a concurrent index build) to finish. */
  lockWait: number;
  /** Progress lines for a person (never holds a secret). */
  log: (line: string) => void;
  /** Who is being changed, e.g. `user@host:5432/db`, for the target guard line. */
  target: string;
  /** The spec file, for error messages. */
  file?: string;
}

export type ApplyStatus = 'converged' | 'withheld' | 'dry-run';

export interface ApplyResult {
  status: ApplyStatus;
  plan: Plan;
  /** Statements that were run (and committed, unless a dry run). */
  applied: number;
  /** True when the re-read schema matched the spec (save withheld changes) before commit. */
  verified: boolean;
  /** Indexes built CONCURRENTLY that PostgreSQL left invalid. */
  invalidIndexes: string[];
  /** New enum values committed before the main transaction, because other statements use them. */
  committedFirst?: number;
  /**
   * The database against the spec afterwards, from the read that verified the plan inside its
   * transaction: the withheld changes, or nothing. After a dry run, the database as it still is
   * (the read the plan was made from).
   */
  report: Report;
}

/** The advisory lock every pgdrift apply takes: the bytes of "pgdrift" as a bigint. */
export const MIGRATION_LOCK_KEY = '31654854846457460';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The same change: the same kind of change to the same object. */
const sameKindAndObject = (a: Change, b: Change): boolean => a.kind === b.kind && objectName(a) === objectName(b);

class LockTimeout extends Error {}

/** Another session is building, concurrently, an index the spec wants. */
class BuildInProgress extends Error {
  constructor(readonly indexes: InvalidIndex[]) {
    super(indexes.map((x) => x.object).join(', '));
  }
}

/** Applies the spec to the database. Throws PgDriftError (exit 2) with the database unchanged. */
export async function applySpec(session: Session, spec: ParsedSpec, options: ApplyOptions): Promise<ApplyResult> {
  const buildDeadline = Date.now() + options.lockWait * 1000;
  // New enum values committed before the main transaction (see Stage): an error after that is no
  // longer "nothing was changed".
  let committedFirst: string[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await applyOnce(session, spec, options);
      if ('enumValuesCommitted' in result) {
        committedFirst = result.enumValuesCommitted;
        attempt -= 1;
        continue;
      }
      return committedFirst.length
        ? { ...result, applied: result.applied + committedFirst.length, committedFirst: committedFirst.length }
        : result;
    } catch (error) {
      const first = `the new enum values (${committedFirst.join('; ')}) were committed first, as PostgreSQL requires before they can be used`;
      if (committedFirst.length && error instanceof PartiallyAppliedError) {
        // The main transaction committed too: the error says what happened after it.
        throw new PartiallyAppliedError(`${first}; then ${error.message}`);
      }
      if (
        committedFirst.length &&
        !(error instanceof LockTimeout && attempt < options.lockRetries) &&
        !(error instanceof BuildInProgress)
      ) {
        const why =
          error instanceof LockTimeout
            ? `gave up after ${attempt + 1} attempts: ${error.message}`
            : error instanceof RolledBack
              ? error.afterCommittedFirst()
              : (error as Error).message;
        throw new PartiallyAppliedError(
          `${first}, but the rest failed: ${why}${why.endsWith('.') ? '' : '.'} Fix the cause and run apply again: it goes on from there.`,
        );
      }
      if (error instanceof BuildInProgress) {
        try {
          await waitForBuilds(session, error, buildDeadline, options);
        } catch (waited) {
          if (!committedFirst.length || !(waited instanceof RolledBack)) throw waited;
          throw new PartiallyAppliedError(`${first}, but then: ${waited.afterCommittedFirst()}`);
        }
        attempt -= 1;
        continue;
      }
      if (error instanceof LockTimeout && attempt < options.lockRetries) {
        const wait = Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random());
        options.log(
          `A lock was not granted within ${options.lockTimeout}s (${error.message}); rolled back, retrying in ${(wait / 1000).toFixed(1)}s (attempt ${attempt + 2} of ${options.lockRetries + 1}).`,
        );
        await sleep(wait);
        continue;
      }
      if (error instanceof LockTimeout) {
        throw new DatabaseError(
          `gave up after ${attempt + 1} attempts: ${error.message}. Another session holds a lock on a table the plan changes; nothing was changed. Try again when it is done, or raise --lock-timeout.`,
          { sqlState: '55P03' },
        );
      }
      throw error;
    }
  }
}

/**
 * Waits, outside any transaction (an open one would hold up the build), until no session builds
 * the indexes any more; all such waits of one apply end by `deadline` (--lock-wait).
 */
async function waitForBuilds(session: Session, pending: BuildInProgress, deadline: number, options: ApplyOptions): Promise<void> {
  options.log(`Another session is building index ${pending.message} concurrently; waiting for it to finish.`);
  for (;;) {
    const { rows } = await session.query<{ building: boolean }>(
      'waiting for a concurrent index build',
      'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index WHERE index_relid = ANY ($1::oid[])) AS building',
      [pending.indexes.map((x) => x.oid)],
    );
    if (!rows[0]?.building) return;
    if (Date.now() >= deadline) {
      throw new RolledBack(
        (first) =>
          `another session is still building index ${pending.message} concurrently after ${options.lockWait}s; ${first ? 'the rest was not applied' : 'nothing was changed'}. Let it finish (or raise --lock-wait) and run apply again.`,
      );
    }
    await sleep(250);
  }
}

function lostConnection(error: unknown): boolean {
  const e = error as { code?: string; message?: string; sqlState?: string };
  const code = e.sqlState ?? e.code ?? '';
  return (
    ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE'].includes(code) ||
    /Connection terminated|connection.*(closed|lost|terminated)|not queryable/i.test(e.message ?? '')
  );
}

async function rollback(session: Session): Promise<void> {
  await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
}

/** applyOnce committed the plan's first stage, these new enum values: plan and apply the rest now. */
interface FirstStageCommitted {
  enumValuesCommitted: string[];
}

async function applyOnce(session: Session, spec: ParsedSpec, options: ApplyOptions): Promise<ApplyResult | FirstStageCommitted> {
  const ms = (s: number): string => quoteLiteral(`${Math.round(s * 1000)}ms`);
  await session.batch('starting the transaction', [
    'BEGIN',
    `SET LOCAL lock_timeout = ${ms(options.lockTimeout)}`,
    `SET LOCAL statement_timeout = ${ms(options.statementTimeout)}`,
    'SET LOCAL search_path = pg_catalog',
    // The fragment guard reads user SQL the standard way; make the server read it so too.
    'SET LOCAL standard_conforming_strings = on',
  ]);
  let committing = false;
  /** The changes of the main transaction, once it has committed. */
  let committed: Change[] | undefined;
  try {
    await takeMigrationLock(session, options);
    const before = await compare(session, spec, await introspect(session, spec.scope.schemas, { inTransaction: true }), {
      inTransaction: true,
      ...(options.file ? { file: options.file } : {}),
    });
    if (before.building.length) throw new BuildInProgress(before.building);
    const plan = await planComparison(session, before, options);
    const first = plan.statements.filter((s) => s.stage === 'first');
    if (first.length) {
      const values = first.map((s) => `${objectName(plan.changes[s.change]!)}: ${describeChange(plan.changes[s.change]!)}`);
      if (options.dryRun) {
        throw new DatabaseError(
          `--dry-run cannot try this plan: it adds enum values that later statements use (${values.join('; ')}), and PostgreSQL lets a new value be used only once the transaction that adds it has committed. Nothing was changed. Read the plan with pgdrift plan; apply without --dry-run commits the new values first.`,
        );
      }
      options.log(
        `Target: ${options.target}. Committing ${first.length} new enum value${first.length === 1 ? '' : 's'} first (PostgreSQL lets a new value be used only once the transaction that adds it has committed): ${values.join('; ')}.`,
      );
      for (const [i, statement] of first.entries()) {
        try {
          await session.query(`enum value ${i + 1} of ${first.length}`, statement.sql);
        } catch (error) {
          if ((error as DatabaseError).sqlState === '55P03')
            throw new LockTimeout(`enum value ${i + 1} of ${first.length} waited for a lock: ${statement.sql}`);
          throw failed(`enum value ${i + 1} of ${first.length} failed`, statement.sql, error);
        }
      }
      committing = true;
      await session.query('committing the new enum values', 'COMMIT');
      committing = false;
      return { enumValuesCommitted: values };
    }
    const inTx = plan.statements.filter((s) => s.stage === 'main');
    const outside = plan.statements.filter((s) => s.stage === 'after');
    options.log(
      `Target: ${options.target}. ${plan.statements.length} statement${plan.statements.length === 1 ? '' : 's'} to run${plan.withheld.length ? `, ${plan.withheld.length} destructive change${plan.withheld.length === 1 ? '' : 's'} withheld` : ''}${options.dryRun ? ' (dry run: everything is rolled back)' : ''}.`,
    );

    // The reads above ran with search_path = pg_catalog; the plan's fragments run with the spec's.
    if (inTx.length) await session.query('setting the search_path', `SET LOCAL search_path = ${plan.searchPath}`);
    for (const [i, statement] of inTx.entries()) {
      try {
        await session.query(`statement ${i + 1} of ${inTx.length}`, statement.sql);
      } catch (error) {
        const e = error as DatabaseError;
        if (e.sqlState === '55P03')
          throw new LockTimeout(`statement ${i + 1} of ${inTx.length} waited for a lock: ${statement.sql.split('\n')[0]}`);
        const change = plan.changes[statement.change];
        throw failed(
          `statement ${i + 1} of ${inTx.length} failed${change ? ` (${objectName(change)}: ${describeChange(change)})` : ''}`,
          statement.sql,
          error,
        );
      }
    }

    const after = await verifyInTransaction(session, spec, plan, options);
    if (after.unexpected.length) {
      const still = after.unexpected.map((c) => `${c.kind} ${objectName(c)}`).join('; ');
      throw new RolledBack(
        (first) =>
          `the database did not converge to the spec after the plan ran, so ${first ? 'the main transaction was not' : 'nothing was'} committed. Still different: ${still}`,
      );
    }
    const sequences = await verifySequences(session, plan);
    if (sequences.length) {
      throw new RolledBack(
        (first) =>
          `the plan left a key column without a working sequence, so ${first ? 'the main transaction was not' : 'nothing was'} committed: ${sequences.join('; ')}`,
      );
    }
    if (options.dryRun) {
      await rollback(session);
      return {
        status: 'dry-run',
        plan,
        applied: inTx.length,
        verified: true,
        invalidIndexes: [],
        report: reportOf(before.changes, before.unverified),
      };
    }
    committing = true;
    await session.query('committing', 'COMMIT');
    committing = false;
    committed = inTx.map((s) => plan.changes[s.change]!);
    const invalidIndexes = await runOutsideTransaction(session, outside, spec.scope.schemas, options, committed);
    // The statements after the commit all ran (runOutsideTransaction throws otherwise): what the
    // verification read still saw of them is done now.
    const ranAfter = outside.map((s) => plan.changes[s.change]!);
    const remaining = after.comparison.changes.filter((c) => !ranAfter.some((r) => sameKindAndObject(r, c)));
    return {
      status: plan.withheld.length ? 'withheld' : 'converged',
      plan,
      applied: inTx.length + outside.length,
      verified: true,
      invalidIndexes,
      report: reportOf(remaining, after.comparison.unverified),
    };
  } catch (error) {
    if (error instanceof PartiallyAppliedError) throw error;
    if (committed) {
      // After the commit nothing is rolled back: say what was committed, whatever failed next.
      throw new PartiallyAppliedError(
        `${committedText(committed)}, but then: ${(error as Error).message.replace(/\.$/, '')}. Run check to see where the database stands, and apply again.`,
      );
    }
    await rollback(session);
    if (error instanceof LockTimeout || error instanceof BuildInProgress) throw error;
    // A lock time-out while reading the schema or the tables (before any statement) is retried too.
    if (error instanceof DatabaseError && error.sqlState === '55P03') throw new LockTimeout(error.message);
    if (lostConnection(error) && committing) {
      throw new DatabaseError(
        `the connection was lost while committing (${(error as Error).message.replace(/^[^:]*: /, '')}): PostgreSQL may or may not have committed. Run check to see where the database stands; apply again is safe either way.`,
        { cause: error },
      );
    }
    if (lostConnection(error)) {
      const why = (error as Error).message.replace(/^[^:]*: /, '');
      throw new RolledBack(
        (first) =>
          `the connection was lost while applying (${why}). PostgreSQL rolled the ${first ? 'main transaction back' : 'transaction back: nothing was changed'}. Run apply again.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * A failure after which the transaction was rolled back. Its message says nothing was changed;
 * `afterCommittedFirst` says the same failure when new enum values had been committed first (the
 * main transaction was rolled back, but the database did change), so that no message says both.
 * `text` writes the message for either case.
 */
class RolledBack extends DatabaseError {
  constructor(
    private readonly text: (committedFirst: boolean) => string,
    fields: { sqlState?: string; detail?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(text(false), fields);
  }

  afterCommittedFirst(): string {
    return this.text(true);
  }
}

/** A statement of the plan failed and its transaction was rolled back. */
class StatementFailed extends RolledBack {
  constructor(
    /** Which statement: `statement 2 of 5 failed (public.t.c: add column)`. */
    what: string,
    /** PostgreSQL's message, and pgdrift's hint when it has one. */
    reason: string,
    sql: string,
    fields: { sqlState?: string; detail?: string; hint?: string; cause?: unknown },
  ) {
    const outcome = (first: boolean): string =>
      first ? 'The main transaction was rolled back.' : 'Nothing was changed (the transaction was rolled back).';
    super((first) => `${what}: ${reason} ${outcome(first)} Statement: ${sql.replace(/\s+/g, ' ')}`, fields);
  }
}

/** `the transaction committed (2 statements: public.t.c: add column; …)`, at most ten listed. */
function committedText(changes: Change[]): string {
  if (changes.length === 0) return 'the transaction had nothing to commit';
  const listed = changes.slice(0, 10).map((c) => `${objectName(c)}: ${describeChange(c)}`);
  const more = changes.length > 10 ? `; and ${changes.length - 10} more` : '';
  return `the transaction committed (${changes.length} statement${changes.length === 1 ? '' : 's'}: ${listed.join('; ')}${more})`;
}

function failed(what: string, sql: string, error: unknown): PgDriftError {
  const e = error as DatabaseError & { cause?: { message?: string } };
  const pgMessage = (e.cause as { message?: string } | undefined)?.message ?? e.message;
  const hint = e.sqlState === '42804' ? ' The spec can say how to convert the values: add "using": "<expression>" to the column.' : '';
  return new StatementFailed(what, `${pgMessage}.${hint}`, sql, {
    ...(e.sqlState ? { sqlState: e.sqlState } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    cause: error,
  });
}

async function takeMigrationLock(session: Session, options: ApplyOptions): Promise<void> {
  const deadline = Date.now() + options.lockWait * 1000;
  let announced = false;
  for (;;) {
    const { rows } = await session.query<{ got: boolean }>(
      'taking the migration lock',
      `SELECT pg_catalog.pg_try_advisory_xact_lock(${MIGRATION_LOCK_KEY}) AS got`,
    );
    if (rows[0]?.got) return;
    if (Date.now() >= deadline) {
      throw new RolledBack(
        (first) =>
          `another pgdrift apply is running on this database and still holds the migration lock after ${options.lockWait}s; ${first ? 'the rest was not applied' : 'nothing was changed'}. Let it finish (or raise --lock-wait) and run apply again.`,
      );
    }
    if (!announced) {
      options.log('Another pgdrift apply holds the migration lock on this database; waiting for it to finish.');
      announced = true;
    }
    await sleep(250);
  }
}

/**
 * Re-reads the schema inside the transaction and compares it with the spec: what is left must be
 * exactly the withheld changes and those of the statements that run after the commit. Returns the
 * comparison (the report after apply comes from it) and whatever breaks that rule.
 */
async function verifyInTransaction(
  session: Session,
  spec: ParsedSpec,
  plan: Plan,
  options: ApplyOptions,
): Promise<{ comparison: Comparison; unexpected: Change[] }> {
  const read = await introspect(session, spec.scope.schemas, { inTransaction: true });
  const comparison = await compare(session, spec, read, { inTransaction: true, ...(options.file ? { file: options.file } : {}) });
  const remaining = comparison.changes;
  const deferred = plan.statements.filter((s) => s.stage === 'after').map((s) => plan.changes[s.change]!);
  const expected = [...plan.withheld, ...deferred];
  const unexpected = remaining.filter((c) => !expected.some((w) => sameKindAndObject(w, c)));
  const missing = plan.withheld.filter((w) => !remaining.some((c) => sameKindAndObject(w, c)));
  return { comparison, unexpected: [...unexpected, ...missing] };
}

/**
 * The serial and identity columns the plan made, changed the type of or added to a table that
 * was there: what the catalog text hides of them. Each must own its sequence, and the sequence's
 * next value must be above every value the column holds (or an insert that relies on the default
 * fails on the first key, or the key of a row that exists). One query for all of them; the next
 * value is read with nextval and set back with setval, which leaves the sequence as it was.
 */
async function verifySequences(session: Session, plan: Plan): Promise<string[]> {
  const columns = new Map<string, TableObjectRef>();
  for (const c of plan.changes) {
    const column =
      c.kind === 'alter-column-serial' || c.kind === 'alter-column-type' || c.kind === 'alter-column-generated'
        ? c.column
        : c.kind === 'add-column'
          ? c.after
          : c.kind === 'alter-column-identity' && c.after !== null
            ? { serial: false, identity: c.after }
            : undefined;
    if (column && (column.serial || column.identity)) columns.set(objectName(c), c.object as TableObjectRef);
  }
  if (columns.size === 0) return [];
  const probes = [...columns].map(([name, ref]) => {
    const table = quoteQualified(ref.schema, ref.table);
    const owned = `pg_catalog.pg_get_serial_sequence(${quoteLiteral(table)}, ${quoteLiteral(ref.name)})`;
    return (
      `SELECT ${quoteLiteral(name)} AS name, ${owned} IS NOT NULL AS owned, ` +
      `(SELECT pg_catalog.setval(q, pg_catalog.nextval(q), false) FROM (SELECT ${owned}::regclass AS q) s WHERE q IS NOT NULL)::text AS next, ` +
      `(SELECT pg_catalog.max(${quoteIdent(ref.name)}) FROM ${table})::text AS max`
    );
  });
  const { rows } = await session.query<{ name: string; owned: boolean; next: string | null; max: string | null }>(
    'verifying the sequences of key columns',
    probes.join('\nUNION ALL\n'),
  );
  const problems: string[] = [];
  for (const r of rows) {
    if (!r.owned) problems.push(`${r.name} owns no sequence`);
    else if (r.max !== null && r.next !== null && !(BigInt(r.next) > BigInt(r.max)))
      problems.push(`the next value of ${r.name}'s sequence is ${r.next}, not above the ${r.max} the column holds`);
  }
  return problems;
}

/**
 * Runs CREATE INDEX CONCURRENTLY and the like, then lists indexes PostgreSQL left invalid. The
 * main transaction (`committed`) has committed: a failure here is PartiallyAppliedError, saying
 * what was committed and which of these statements ran.
 */
async function runOutsideTransaction(
  session: Session,
  statements: Plan['statements'],
  schemas: string[],
  options: ApplyOptions,
  committed: Change[],
): Promise<string[]> {
  if (statements.length === 0) return [];
  const failures: string[] = [];
  let ran = 0;
  try {
    await session.query('setting the lock timeout', `SET lock_timeout = ${quoteLiteral(`${Math.round(options.lockTimeout * 1000)}ms`)}`);
  } catch (error) {
    throw new PartiallyAppliedError(
      `${committedText(committed)}, but none of the ${statements.length} statement(s) after it ran: ${(error as Error).message}. Run apply again: it runs them.`,
    );
  }
  for (const [i, statement] of statements.entries()) {
    options.log(`Running outside the transaction (${i + 1} of ${statements.length}): ${statement.sql.split('\n')[0]}`);
    try {
      await session.query(`concurrent statement ${i + 1} of ${statements.length}`, statement.sql);
      ran += 1;
    } catch (error) {
      const detail = (error as DatabaseError).detail;
      failures.push(`${statement.sql.split('\n')[0]}: ${(error as Error).message}${detail ? ` (${detail})` : ''}`);
      if (lostConnection(error)) {
        // The connection is gone: the rest cannot run, and nothing can be read back.
        throw new PartiallyAppliedError(
          `${committedText(committed)}, but the connection was lost during the statements after it: ${failures.join('; ')}. ${ran} of the ${statements.length} ran; an index being built may be left invalid. Run apply again: it drops and rebuilds invalid indexes.`,
        );
      }
    }
  }
  if (failures.length === 0) return invalidIndexesOf(session, schemas);
  let invalid = 'unknown (they could not be read)';
  try {
    invalid = (await invalidIndexesOf(session, schemas)).join(', ') || 'none';
  } catch {
    // Reported as unknown: the failures are what the message is about.
  }
  for (const f of failures) options.log(`Failed outside the transaction: ${f}`);
  throw new PartiallyAppliedError(
    `${committedText(committed)}, but ${failures.length} of the ${statements.length} statement(s) after it failed: ${failures.join('; ')}. Invalid indexes left behind: ${invalid}. Fix the cause and run apply again: it drops and rebuilds them.`,
  );
}

/** The invalid indexes of `schemas`. */
async function invalidIndexesOf(session: Session, schemas: string[]): Promise<string[]> {
  const { rows } = await session.query<{ name: string }>(
    'looking for invalid indexes',
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_catalog.pg_index i
     JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND n.nspname = ANY ($1::text[]) ORDER BY 1`,
    [schemas],
  );
  return rows.map((r) => r.name);
}
