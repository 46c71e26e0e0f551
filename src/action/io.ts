/**
 * The action's inputs and outputs, named in one place. action.yml must agree (a test checks it).
 */
export const INPUTS = {
  databaseUrl: 'database-url',
  spec: 'spec',
  mode: 'mode',
  allowDestructive: 'allow-destructive',
  dryRun: 'dry-run',
  githubToken: 'github-token',
  comment: 'comment',
  failOnDrift: 'fail-on-drift',
  lockTimeout: 'lock-timeout',
  schemas: 'schemas',
  id: 'id',
  destructiveLabel: 'destructive-label',
  applyOnPullRequest: 'apply-on-pull-request',
  scratchDatabaseUrl: 'scratch-database-url',
} as const;

export const OUTPUTS = {
  drift: 'drift',
  changes: 'changes',
  destructive: 'destructive',
  applied: 'applied',
  verified: 'verified',
  migrationSql: 'migration-sql',
  reportJson: 'report-json',
  commentUrl: 'comment-url',
  prChanges: 'pr-changes',
  blocked: 'blocked',
} as const;

export const MODES = ['check', 'apply'] as const;
export type Mode = (typeof MODES)[number];
