/**
 * Runs before every test file: a test that makes no assertion fails, so that a test cannot pass
 * by asserting nothing (an empty body, an early return, a loop over an empty list).
 */
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
