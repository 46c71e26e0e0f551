import { describe, expect, it } from 'vitest';
import { HAZARDS, hazard, type HazardCode } from '../../src/core/hazards.js';

describe('the hazard catalogue', () => {
  it.each(Object.keys(HAZARDS) as HazardCode[])('gives %s a message that is one full sentence or more', (code) => {
    expect(hazard(code)).toEqual({ code, message: HAZARDS[code] });
    expect(HAZARDS[code]).toMatch(/^[A-Z].*\.$/);
  });

  it('names codes in kebab case', () => {
    for (const code of Object.keys(HAZARDS)) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
