/**
 * Small synthesized-stack fixtures for rule tests: Terraform JSON written by hand, so each rule's compliant and
 * non-compliant case shows exactly what the rule reads.
 */
import { StackView, type Json, type JsonObject } from '../../src/guardrails/stack-view';

/** One resource block: `resource('aws_s3_bucket', 'site', { bucket: 'x' })`. */
export function resource(type: string, name: string, config: JsonObject, path?: string): JsonObject {
  return { resource: { [type]: { [name]: { ...config, '//': { metadata: { path: path ?? `test/${name}` } } } } } };
}

/** One data block. */
export function data(type: string, name: string, config: JsonObject): JsonObject {
  return { data: { [type]: { [name]: { ...config, '//': { metadata: { path: `test/${name}` } } } } } };
}

/** Merges fixture parts into one stack JSON (objects key by key). */
export function stack(...parts: JsonObject[]): JsonObject {
  const merge = (target: JsonObject, source: JsonObject): JsonObject => {
    for (const [key, value] of Object.entries(source)) {
      const existing = target[key];
      if (isObject(existing) && isObject(value)) target[key] = merge({ ...existing }, value);
      else target[key] = value;
    }
    return target;
  };
  return parts.reduce<JsonObject>((all, part) => merge(all, part), {});
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function view(json: JsonObject, production = false): StackView {
  return new StackView(json, { name: 'test', production });
}

/** `${type.name.attribute}` */
export const ref = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;

/** A policy document data source and the `${data...json}` reference to it. */
export function policyDocument(name: string, statement: JsonObject[]): { part: JsonObject; json: string } {
  return {
    part: data('aws_iam_policy_document', name, { statement }),
    json: `\${data.aws_iam_policy_document.${name}.json}`,
  };
}
