/**
 * Every default of pgdrift, in one place: the CLI's flags and help text, the action's inputs (and
 * action.yml's `default:`s, which a unit test checks against this object) and the engine use these.
 */
export const DEFAULTS = {
  /** The spec file. */
  spec: 'pgdrift.json',
  /** The action's mode. */
  mode: 'check',
  /** Keeps the pull request comments of several databases or specs apart (action). */
  id: 'default',
  allowDestructive: false,
  dryRun: false,
  /** Post one sticky pull request comment (action). */
  comment: true,
  /** Fail the step when drift is found or remains (action). */
  failOnDrift: true,
  /** Schemas to compare: none named means the schemas the spec uses. */
  schemas: [] as readonly string[],
  /** The pull request label that approves its destructive changes (action). */
  destructiveLabel: 'pgdrift:destructive',
  /** mode apply on a pull request: only for a per-pull-request preview database (action). */
  applyOnPullRequest: false,
  /** Seconds a migration statement may wait for a table lock (lock_timeout). */
  lockTimeout: 5,
  /** Seconds one migration statement may run (statement_timeout); 0 for no limit. */
  statementTimeout: 300,
  /** Further attempts of the whole transaction after a lock time-out. */
  lockRetries: 3,
  /** Seconds to wait for another pgdrift apply on the same database, or a concurrent index build. */
  lockWait: 60,
  /** Seconds to wait for one connection attempt (a connect_timeout in the URL wins). */
  connectTimeout: 10,
  /** Further attempts of a connection that failed in a way that may pass (a Neon compute waking up). */
  connectRetries: 3,
} as const;
