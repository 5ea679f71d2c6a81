/**
 * A small Template over synthesized Terraform JSON, for what cdktf's matchers (`toHaveResourceWithProperties` and its
 * family, on `Testing.synthScope` / `Testing.synth` output) cannot do: count the resources of a type, pick one by its
 * construct path or its name, list those with given values, and follow a `${type.id.attr}` reference to its block.
 *
 * Elements are found through the `//` metadata cdktf writes into every resource and data source it synthesizes,
 * `"//": { "metadata": { "path": "<stack>/<construct path>", "uniqueId": "<logical id>" } }`: no logical id is
 * computed here. The blocks and the JSON a Template hands out are metadata-free, exactly as `Testing.synth` gives them.
 */
import { App, TerraformStack, Testing, Tokenization, DefaultTokenResolver, StringConcat } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import type { IConstruct } from 'constructs';

export type Block = Record<string, unknown>;

/** A Terraform type name (`aws_vpc`) or the provider class that stands for it (`Vpc`), as the matchers take it. */
export type ElementType = string | { readonly tfResourceType: string };

/** A resource or data source of the synthesized stack, located by its metadata. */
export interface Element {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  /** The logical id: the block's key in the JSON, and the middle of `${type.id.attr}`. */
  readonly id: string;
  /**
   * The construct path relative to the stack, e.g. `network/public-subnet-0`; undefined for the few elements cdktf
   * writes no metadata for (`terraform_remote_state`): those are found by their logical id.
   */
  readonly path: string | undefined;
  readonly block: Block;
}

/** A test app: version stubbed, future flags on, and the one outdir of this test file (see setup.ts). */
export function testApp(): App {
  return Testing.app();
}

/** A fresh stack in a test app: the scope modules are tested in. */
export function testStack(id = 'test'): TerraformStack {
  return new TerraformStack(testApp(), id);
}

const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * `value` (a token a construct exposes, or a structure holding some) as Terraform sees it in `scope`'s stack: an id
 * becomes `${aws_security_group.<id>.id}`. Handy beside the matchers: `security_group_id: resolved(sg, sg.id)`.
 */
export function resolved<T>(scope: IConstruct, value: T): T {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: TOKEN_RESOLVER }) as T;
}

export class Template {
  /** The synthesized JSON without metadata, for cdktf's matchers: `expect(t.synthesized).toHaveResource(...)`. */
  readonly synthesized: string;
  /** The same, parsed. */
  readonly json: Block;
  private readonly elements: Element[];

  /** Synthesizes `stack` the way `Testing.synth` does (aspects, then `toTerraform()`), keeping the metadata. */
  static fromStack(stack: TerraformStack): Template {
    invokeAspects(stack);
    return new Template(stack.toTerraform() as Block);
  }

  /**
   * From synthesized JSON (a string or parsed): `stack.toTerraform()`, or a `cdk.tf.json` that `cdktf synth` wrote.
   * Lookups by path need the `//` metadata; without it (e.g. `Testing.synth` output) the rest still works.
   */
  constructor(synthesized: string | Block) {
    const raw = (typeof synthesized === 'string' ? JSON.parse(synthesized) : synthesized) as Block;
    this.json = withoutMetadata(raw) as Block;
    this.synthesized = JSON.stringify(this.json, null, 2);
    this.elements = indexElements(raw, this.json);
  }

  /** All resources of a type, keyed by logical id. */
  resources(type: ElementType): Record<string, Block> {
    return blocksOf(this.json.resource, typeName(type));
  }

  /** All data sources of a type, keyed by logical id. */
  dataSources(type: ElementType): Record<string, Block> {
    return blocksOf(this.json.data, typeName(type));
  }

  /** How many resources of a type there are. */
  count(type: ElementType): number {
    return Object.keys(this.resources(type)).length;
  }

  /** Resources of a type as a list, in synth order (by logical id). */
  all(type: ElementType): Block[] {
    return Object.values(this.resources(type));
  }

  /** Resources of a type whose values include `properties` (compared like the matchers: jest's objectContaining). */
  where(type: ElementType, properties: Block): Block[] {
    return this.all(type).filter((block) => expect.objectContaining(properties).asymmetricMatch(block));
  }

  /** The one resource of a type whose `attribute` (default `name`) is `name`. Throws if none or several. */
  named(type: ElementType, name: string, attribute = 'name'): Block {
    const found = this.all(type).filter((block) => block[attribute] === name);
    if (found.length !== 1) {
      const names = this.all(type).map((block) => JSON.stringify(block[attribute]));
      throw new Error(
        `expected one ${typeName(type)} with ${attribute} "${name}", found ${found.length} among: ${names}`,
      );
    }
    return found[0] as Block;
  }

  /**
   * The resource of `type` at construct path `path`, relative to the stack (e.g. `network/public-subnet-0`). A path
   * may also name the construct that wraps it, when that holds exactly one element of the type (`db/security-group`
   * for `db/security-group/group`), or be the logical id an element was given with `overrideLogicalId`. Throws if none
   * or several match.
   */
  resource(type: ElementType, path: string): Block {
    return this.locate('resource', type, path).block;
  }

  dataSource(type: ElementType, path: string): Block {
    return this.locate('data', type, path).block;
  }

  /** The `${type.id.attr}` reference Terraform uses for a resource's attribute, to assert wiring. */
  ref(type: ElementType, path: string, attribute = 'id'): string {
    return `\${${typeName(type)}.${this.locate('resource', type, path).id}.${attribute}}`;
  }

  /** `type.logical_id`: how `depends_on` (and `moved`, `import`) name a resource. */
  address(type: ElementType, path: string): string {
    return `${typeName(type)}.${this.locate('resource', type, path).id}`;
  }

  dataRef(type: ElementType, path: string, attribute = 'json'): string {
    return `\${data.${typeName(type)}.${this.locate('data', type, path).id}.${attribute}}`;
  }

  /** The resources (or data sources) of a type, with their construct paths, in synth order. */
  elementsOf(type: ElementType, kind: Element['kind'] = 'resource'): Element[] {
    return this.elements.filter((element) => element.kind === kind && element.type === typeName(type));
  }

  /**
   * The element a reference points at: `${aws_security_group.<id>.id}` (or `${data.<type>.<id>.<attr>}`) → the
   * security group's path and block. Throws if the value is not exactly one such reference, or names no element.
   */
  follow(reference: unknown): Element & { readonly attribute: string } {
    const match =
      typeof reference === 'string' ? /^\$\{(data\.)?([a-z0-9_]+)\.([^.}]+)\.([^}]+)\}$/.exec(reference) : null;
    if (!match) throw new Error(`not a \${type.id.attribute} reference: ${JSON.stringify(reference)}`);
    const [, data, type, id, attribute] = match as unknown as [string, string | undefined, string, string, string];
    const kind = data ? 'data' : 'resource';
    const element = this.elements.find(
      (candidate) => candidate.kind === kind && candidate.type === type && candidate.id === id,
    );
    if (!element) throw new Error(`${reference} names no ${kind} of this stack`);
    return { ...element, attribute };
  }

  /** The construct path (relative to the stack) of the element a reference points at. */
  pathOf(reference: unknown): string | undefined {
    return this.follow(reference).path;
  }

  /** Providers of a type (a list: the default one and any aliases). */
  providers(type: ElementType): Block[] {
    return ((this.json.provider as Block | undefined)?.[typeName(type)] as Block[] | undefined) ?? [];
  }

  /** The `terraform.backend` block, e.g. `{ s3: {...} }`. */
  backend(): Block {
    return ((this.json.terraform as Block | undefined)?.backend as Block | undefined) ?? {};
  }

  outputs(): Record<string, Block> {
    return (this.json.output as Record<string, Block> | undefined) ?? {};
  }

  private locate(kind: Element['kind'], type: ElementType, path: string): Element {
    if (this.elements.length > 0 && this.elements.every((element) => element.path === undefined)) {
      throw new Error(
        `cannot find ${typeName(type)} "${path}": this JSON has no cdktf metadata (use Template.fromStack)`,
      );
    }
    const candidates = this.elementsOf(type, kind);
    const exact = candidates.filter((element) => element.path === path || element.id === path);
    const found = exact.length > 0 ? exact : candidates.filter((element) => element.path?.startsWith(`${path}/`));
    if (found.length !== 1) {
      const known = candidates.map((element) => element.path ?? element.id).join(', ') || 'none';
      throw new Error(`expected one ${typeName(type)} at "${path}", found ${found.length}; paths: ${known}`);
    }
    return found[0] as Element;
  }
}

function typeName(type: ElementType): string {
  return typeof type === 'string' ? type : type.tfResourceType;
}

function blocksOf(section: unknown, type: string): Record<string, Block> {
  return ((section as Block | undefined)?.[type] as Record<string, Block> | undefined) ?? {};
}

interface Metadata {
  readonly path?: string;
  readonly stackName?: string;
}

function metadataOf(block: unknown): Metadata | undefined {
  return ((block as Block | undefined)?.['//'] as { metadata?: Metadata } | undefined)?.metadata;
}

/** Every resource and data source, with its path relative to the stack when it carries metadata. */
function indexElements(raw: Block, clean: Block): Element[] {
  const stackName = metadataOf(raw)?.stackName;
  const relative = (path: string) => {
    if (stackName !== undefined && path.startsWith(`${stackName}/`)) return path.slice(stackName.length + 1);
    return path.split('/').slice(1).join('/');
  };
  const elements: Element[] = [];
  for (const kind of ['resource', 'data'] as const) {
    const types = (clean[kind] ?? {}) as Record<string, Record<string, Block>>;
    for (const [type, blocks] of Object.entries(types)) {
      for (const [id, block] of Object.entries(blocks)) {
        const path = metadataOf(blocksOf(raw[kind], type)[id])?.path;
        elements.push({ kind, type, id, path: path === undefined ? undefined : relative(path), block });
      }
    }
  }
  return elements;
}

/** `value` without cdktf's `//` metadata, keys sorted: the JSON `Testing.synth` returns, parsed. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : withoutMetadata(item)));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Block)
    .filter(([key, item]) => key !== '//' && item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutMetadata(item)]));
}
