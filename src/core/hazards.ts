/**
 * The one catalogue of hazards. Changes and planned statements carry hazard codes; the PR comment,
 * the CLI text and the JSON report all take their wording from here.
 */
export const HAZARDS = {
  'deletes-data': 'Deletes data: the rows or values it removes cannot be recovered.',
  'rewrites-table': 'Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.',
  'access-exclusive-lock': 'Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.',
  'may-fail-on-existing-rows': 'May fail if existing rows violate it; nothing is changed if it does.',
  'may-lose-precision': 'Narrows or converts a type: existing values that do not fit make it fail, or are changed.',
  'blocks-writes': 'Blocks writes to the table while it runs (an index build or a validation scan).',
  'not-transactional': 'Cannot run inside a transaction: it runs on its own, and is not rolled back with the rest.',
  'dependent-objects': 'Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.',
  'enum-value-usable-after-commit': 'A new enum value cannot be used until the transaction that adds it commits.',
  unverified:
    'PostgreSQL could not check this part of the spec yet (it refers to objects that do not exist); its text is compared as written.',
} as const;

export type HazardCode = keyof typeof HAZARDS;

export interface Hazard {
  code: HazardCode;
  message: string;
}

export function hazard(code: HazardCode): Hazard {
  return { code, message: HAZARDS[code] };
}
