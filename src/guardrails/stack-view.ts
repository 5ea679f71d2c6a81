/**
 * A synthesized stack as the rules read it: every resource and data block of its Terraform JSON, with its construct
 * path (from cdktf's `//` metadata), and the references between blocks (`${aws_s3_bucket.site.arn}`) indexed both ways,
 * so a rule can follow a bucket to the encryption configuration that names it, or a role to its policy document.
 */

/** A JSON value as it appears in synthesized Terraform. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One `resource` or `data` block. */
export interface Block {
  readonly mode: 'resource' | 'data';
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Logical name in the JSON, e.g. `frontend_bucket_19946561`. */
  readonly name: string;
  /** Terraform address: `aws_s3_bucket.frontend_bucket_19946561`, `data.aws_iam_policy_document.x`. */
  readonly address: string;
  /** The construct path cdktf wrote into the block (`ec2-web-dev/frontend/bucket/bucket`), or the address. */
  readonly path: string;
  /** The block's arguments (and cdktf's `//` metadata, which no rule reads). */
  readonly config: JsonObject;
}

/** What the rules may know of a stack beyond its JSON. */
export interface StackContext {
  /** Stack name, e.g. `ec2-web-prod`. */
  readonly name: string;
  /** Production guards apply (deletion protection, backups, Multi-AZ, GitHub environment trust). */
  readonly production: boolean;
}

const EXPRESSION = /\$\{([^}]*)\}/g;
const REFERENCE = /(?:^|[^A-Za-z0-9_.])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)/g;

export class StackView {
  readonly name: string;
  readonly production: boolean;
  readonly blocks: readonly Block[];
  /** The stack's `locals` (cdktf puts large values there, e.g. container definitions). */
  readonly locals: JsonObject;
  private readonly byAddress = new Map<string, Block>();
  private readonly resourcesByType = new Map<string, Block[]>();
  private readonly dataByType = new Map<string, Block[]>();
  private readonly memo = new Map<string, unknown>();
  private referencesOf?: Map<Block, Set<Block>>;
  private referrersOf?: Map<Block, Block[]>;

  constructor(
    readonly json: JsonObject,
    context: StackContext,
  ) {
    this.name = context.name;
    this.production = context.production;
    const blocks: Block[] = [];
    for (const mode of ['resource', 'data'] as const) {
      const section = asObject(json[mode]);
      for (const [type, named] of Object.entries(section ?? {})) {
        for (const [name, raw] of Object.entries(asObject(named) ?? {})) {
          // The block's own object (not a copy): its `//` metadata holds no reference and no argument a rule reads.
          const config = asObject(raw) ?? {};
          const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          const path = asObject(asObject(config['//'])?.metadata)?.path;
          blocks.push({ mode, type, name, address, path: typeof path === 'string' ? path : address, config });
        }
      }
    }
    this.blocks = blocks;
    this.locals = asObject(json.locals) ?? {};
    for (const block of blocks) {
      this.byAddress.set(block.address, block);
      const index = block.mode === 'resource' ? this.resourcesByType : this.dataByType;
      const list = index.get(block.type) ?? [];
      list.push(block);
      index.set(block.type, list);
    }
  }

  /** Resources (not data sources) of one type. */
  resources(type: string): readonly Block[] {
    return this.resourcesByType.get(type) ?? [];
  }

  /** Data sources of one type. */
  dataSources(type: string): readonly Block[] {
    return this.dataByType.get(type) ?? [];
  }

  /**
   * A value computed once per stack and shared by the rules that need it (every security-group rule, the public
   * load balancers' groups): `stack.cached('key', () => ...)`.
   */
  cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** The block at a Terraform address (`aws_lb.alb_lb_1234`, `data.aws_iam_policy_document.x`). */
  block(address: string): Block | undefined {
    return this.byAddress.get(address);
  }

  /** The blocks a value refers to, in order of appearance: `"${aws_s3_bucket.b.arn}/*"` → the bucket. */
  referencedBlocks(value: Json | undefined): Block[] {
    const found: Block[] = [];
    for (const text of strings(value)) {
      for (const expression of text.matchAll(EXPRESSION)) {
        for (const match of (expression[1] ?? '').matchAll(REFERENCE)) {
          const block = this.byAddress.get(match[1] ?? '');
          if (block && !found.includes(block)) found.push(block);
        }
      }
    }
    return found;
  }

  /** The one block a value refers to, if it refers to exactly one of the given type. */
  referencedBlock(value: Json | undefined, type?: string): Block | undefined {
    const blocks = this.referencedBlocks(value).filter((block) => type === undefined || block.type === type);
    return blocks.length === 1 ? blocks[0] : undefined;
  }

  /** Whether `value` refers to `target` (anywhere in it). */
  refersTo(value: Json | undefined, target: Block): boolean {
    // Most values do not mention the target at all: a text search settles them without parsing expressions.
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    if (!text.includes(target.address)) return false;
    return this.referencedBlocks(value).includes(target);
  }

  /** Blocks (of `type`, if given) whose arguments refer to `target` anywhere. */
  referrers(target: Block, type?: string): Block[] {
    if (!this.referrersOf) {
      this.referrersOf = new Map();
      for (const block of this.blocks) {
        for (const referenced of this.referencesFrom(block)) {
          const list = this.referrersOf.get(referenced) ?? [];
          list.push(block);
          this.referrersOf.set(referenced, list);
        }
      }
    }
    const all = this.referrersOf.get(target) ?? [];
    return type === undefined ? all : all.filter((block) => block.type === type);
  }

  /** Blocks of `type` whose argument `key` refers to `target` (e.g. the encryption configuration of a bucket). */
  attachedTo(target: Block, type: string, key: string): Block[] {
    return this.referrers(target, type).filter((block) => this.refersTo(block.config[key], target));
  }

  private referencesFrom(block: Block): Set<Block> {
    this.referencesOf ??= new Map();
    let set = this.referencesOf.get(block);
    if (!set) {
      set = new Set(this.referencedBlocks(block.config));
      this.referencesOf.set(block, set);
    }
    return set;
  }
}

/** Every string inside a JSON value. */
function* strings(value: Json | undefined): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* strings(item);
}

export function asObject(value: Json | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/**
 * A nested block argument: cdktf writes `metadata_options` as an object or a one-element list depending on the
 * resource schema; this returns the object either way.
 */
export function nested(value: Json | undefined): JsonObject | undefined {
  if (Array.isArray(value)) return asObject(value[0]);
  return asObject(value);
}

/** A repeated block argument (`ingress`, `statement`, `ordered_cache_behavior`) as a list of objects. */
export function nestedList(value: Json | undefined): JsonObject[] {
  if (Array.isArray(value)) return value.map(asObject).filter((item): item is JsonObject => item !== undefined);
  const single = asObject(value);
  return single ? [single] : [];
}

/** A list-of-strings argument (`security_groups`, `actions`), or one string, as strings. */
export function stringList(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** `true`, `"true"` → true; anything else false (Terraform accepts both in JSON). */
export function isTrue(value: Json | undefined): boolean {
  return value === true || value === 'true';
}

/** A number argument, also when written as a string; undefined when absent or an expression. */
export function numberOf(value: Json | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}
