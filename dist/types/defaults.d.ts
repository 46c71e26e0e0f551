/**
 * Every default of pgdrift, in one place: the CLI's flags and help text, the action's inputs (and
 * action.yml's `default:`s, which a unit test checks against this object) and the engine use these.
 */
export declare const DEFAULTS: {
    /** The spec file. */
    readonly spec: "pgdrift.json";
    /** The action's mode. */
    readonly mode: "check";
    /** Keeps the pull request comments of several databases or specs apart (action). */
    readonly id: "default";
    readonly allowDestructive: false;
    readonly dryRun: false;
    /** Post one sticky pull request comment (action). */
    readonly comment: true;
    /** Fail the step when drift is found or remains (action). */
    readonly failOnDrift: true;
    /** Schemas to compare: none named means the schemas the spec uses. */
    readonly schemas: readonly string[];
    /** The pull request label that approves its destructive changes (action). */
    readonly destructiveLabel: "pgdrift:destructive";
    /** mode apply on a pull request: only for a per-pull-request preview database (action). */
    readonly applyOnPullRequest: false;
    /** Seconds a migration statement may wait for a table lock (lock_timeout). */
    readonly lockTimeout: 5;
    /** Seconds one migration statement may run (statement_timeout); 0 for no limit. */
    readonly statementTimeout: 300;
    /** Further attempts of the whole transaction after a lock time-out. */
    readonly lockRetries: 3;
    /** Seconds to wait for another pgdrift apply on the same database, or a concurrent index build. */
    readonly lockWait: 60;
    /** Seconds to wait for one connection attempt (a connect_timeout in the URL wins). */
    readonly connectTimeout: 10;
    /** Further attempts of a connection that failed in a way that may pass (a Neon compute waking up). */
    readonly connectRetries: 3;
};
