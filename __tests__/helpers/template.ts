/**
 * A small Template over `Testing.synth` output, for what cdktf's matchers cannot do: count resources of a type, and
 * look one up by its construct path (the logical id cdktf derives from it) to assert its exact values.
 */
import { App, Testing, TerraformStack } from 'cdktf';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Block = Record<string, unknown>;

/** One outdir per jest worker: Testing.app() would create a temp dir per call, and unit tests never write to it. */
let sharedOutdir: string | undefined;

/** A cdktf test app (stubbed version, test outdir). */
export function testApp(): App {
  sharedOutdir ??= mkdtempSync(join(tmpdir(), 'cdktf-unit-'));
  return Testing.app({ outdir: sharedOutdir });
}

/** A fresh stack in a test app: the scope modules are tested in. */
export function testStack(id = 'test'): TerraformStack {
  return new TerraformStack(testApp(), id);
}

export class Template {
  /** The synthesized JSON string, for cdktf's matchers (`expect(t.synthesized).toHaveResourceWithProperties(...)`). */
  readonly synthesized: string;
  readonly json: Block;

  static fromStack(stack: TerraformStack): Template {
    return new Template(Testing.synth(stack));
  }

  constructor(synthesized: string) {
    this.synthesized = synthesized;
    this.json = JSON.parse(synthesized) as Block;
  }

  /** All resources of a type, keyed by logical id. */
  resources(type: string): Record<string, Block> {
    return ((this.json.resource as Block | undefined)?.[type] as Record<string, Block> | undefined) ?? {};
  }

  /** All data sources of a type, keyed by logical id. */
  dataSources(type: string): Record<string, Block> {
    return ((this.json.data as Block | undefined)?.[type] as Record<string, Block> | undefined) ?? {};
  }

  count(type: string): number {
    return Object.keys(this.resources(type)).length;
  }

  /** Resources of a type as a list, in synth order. */
  all(type: string): Block[] {
    return Object.values(this.resources(type));
  }

  /**
   * The resource of `type` whose construct path, relative to the stack, is `path` (e.g. `network/public-subnet-0`).
   * cdktf turns that path into the logical id `network_public-subnet-0_<HASH>`. Throws if none or several match.
   */
  resource(type: string, path: string): Block {
    return pick(this.resources(type), type, path);
  }

  dataSource(type: string, path: string): Block {
    return pick(this.dataSources(type), type, path);
  }

  /** The `${type.logicalId.attr}` reference Terraform uses for a resource's attribute, to assert wiring. */
  ref(type: string, path: string, attribute = 'id'): string {
    return `\${${type}.${logicalId(this.resources(type), type, path)}.${attribute}}`;
  }

  dataRef(type: string, path: string, attribute = 'json'): string {
    return `\${data.${type}.${logicalId(this.dataSources(type), type, path)}.${attribute}}`;
  }

  /** Providers of a type (a list: the default one and any aliases). */
  providers(type: string): Block[] {
    return ((this.json.provider as Block | undefined)?.[type] as Block[] | undefined) ?? [];
  }

  /** The `terraform.backend` block, e.g. `{ s3: {...} }`. */
  backend(): Block {
    return ((this.json.terraform as Block | undefined)?.backend as Block | undefined) ?? {};
  }

  outputs(): Record<string, Block> {
    return (this.json.output as Record<string, Block> | undefined) ?? {};
  }
}

/**
 * The logical id cdktf gives the element at construct path `path` (relative to the stack), computed the way cdktf's
 * makeUniqueId does: a single segment is used as is; otherwise the segments, minus any that the previous one ends
 * with (`cluster/cluster` → `cluster`), joined by `_`, plus the first 8 hex digits of the md5 of the full path.
 */
export function logicalIdOf(path: string): string {
  const components = path.split('/');
  const clean = (segment: string) => segment.replace(/[^A-Za-z0-9_-]/g, '');
  if (components.length === 1) return clean(components[0] as string);
  const kept: string[] = [];
  for (const component of components) {
    if (kept.length === 0 || !kept[kept.length - 1]!.endsWith(component)) kept.push(component);
  }
  const hash = createHash('md5').update(components.join('/')).digest('hex').slice(0, 8).toUpperCase();
  return `${kept.map(clean).join('_').slice(0, 240)}_${hash}`;
}

/**
 * The element of `type` at `path`: the exact logical id first; else the one element whose id is the path's segments
 * joined by `_` plus a hash (a path written as cdktf shortens it, e.g. `api/security-group` for
 * `api/security-group/group`).
 */
function logicalId(blocks: Record<string, Block>, type: string, path: string): string {
  const exact = logicalIdOf(path);
  if (exact in blocks) return exact;
  const prefix = path.split('/').join('_');
  const ids = Object.keys(blocks).filter(
    (id) => id === prefix || new RegExp(`^${escape(prefix)}_[0-9A-F]{8}$`).test(id),
  );
  if (ids.length !== 1) {
    throw new Error(`expected one ${type} at "${path}", found ${ids.length} among: ${Object.keys(blocks).join(', ')}`);
  }
  return ids[0] as string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pick(blocks: Record<string, Block>, type: string, path: string): Block {
  return blocks[logicalId(blocks, type, path)] as Block;
}
