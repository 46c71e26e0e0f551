/**
 * Reads the repository's YAML (action.yml, workflows) with the `yaml` package, strictly: duplicate
 * keys and anything it cannot read throw. asMapping / asSequence narrow a value or say where it
 * was not what the test expected.
 */
import { parse } from 'yaml';

export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };

export function parseYaml(text: string): YamlValue {
  return parse(text, { uniqueKeys: true, strict: true }) as YamlValue;
}

export function asMapping(value: YamlValue | undefined, where: string): { [key: string]: YamlValue } {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where}: expected a mapping`);
  return value;
}

export function asSequence(value: YamlValue | undefined, where: string): YamlValue[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a sequence`);
  return value;
}
