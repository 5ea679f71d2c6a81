/**
 * A read-only index over one synthesized stack (`cdk.tf.json`): its resources and data sources by address, and the
 * references between them. A reference is any `type.id` (or `data.type.id`, `local.name`) inside a Terraform
 * expression string (`${aws_security_group.x.id}`, `"service/${aws_ecs_cluster.c.name}/..."`, `jsonencode(local.x)`):
 * the diagram links things by following these, never by guessing from names.
 */

export type Block = Record<string, unknown>;

export interface TfElement {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly id: string;
  /** `type.id` for a resource, `data.type.id` for a data source: how Terraform names it. */
  readonly address: string;
  /** The construct path below the stack (`network/public-subnet-0`), from cdktf's `//` metadata when present. */
  readonly path: string | undefined;
  readonly block: Block;
}

/** One reference found in an expression: the element and the attribute path after it (`id`, `master_user_secret[0].secret_arn`). */
export interface Reference {
  readonly element: TfElement;
  readonly attribute: string;
}

/** A remote-state output another stack's value comes through (`data.terraform_remote_state.<id>.outputs.<name>`). */
export interface RemoteOutput {
  readonly dataSource: TfElement;
  readonly output: string;
}

const REFERENCE = /(?<![\w.-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+|\[\d+\])*)/g;
const LOCAL = /(?<![\w.-])local\.([A-Za-z0-9_-]+)/g;
const REMOTE_OUTPUT = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;

export class StackJson {
  /** The stack's name, from the metadata cdktf writes (`//.metadata.stackName`), else the name given. */
  readonly name: string;
  /** The default AWS provider's region, if the stack has one. */
  readonly region: string | undefined;
  /** Every resource and data source, sorted by address. */
  readonly elements: readonly TfElement[];
  private readonly byAddress = new Map<string, TfElement>();
  private readonly locals: Block;
  private readonly referencesOf = new Map<TfElement, Reference[]>();

  constructor(json: Block, name?: string) {
    const metadata = (json['//'] as { metadata?: { stackName?: string } } | undefined)?.metadata;
    this.name = metadata?.stackName ?? name ?? 'stack';
    const providers = (json.provider as Record<string, Block[]> | undefined)?.aws ?? [];
    const defaultProvider = providers.find((provider) => provider.alias === undefined) ?? providers[0];
    this.region = typeof defaultProvider?.region === 'string' ? defaultProvider.region : undefined;
    this.locals = (json.locals as Block | undefined) ?? {};
    const elements: TfElement[] = [];
    for (const kind of ['resource', 'data'] as const) {
      const types = (json[kind] as Record<string, Record<string, Block>> | undefined) ?? {};
      for (const [type, blocks] of Object.entries(types)) {
        for (const [id, block] of Object.entries(blocks)) {
          const path = (block['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path;
          const address = kind === 'data' ? `data.${type}.${id}` : `${type}.${id}`;
          elements.push({ kind, type, id, address, path: path?.split('/').slice(1).join('/'), block });
        }
      }
    }
    elements.sort((a, b) => compare(a.address, b.address));
    this.elements = elements;
    for (const element of elements) this.byAddress.set(element.address, element);
  }

  /** The resources of a type, sorted by logical id. */
  resources(type: string): TfElement[] {
    return this.elements.filter((element) => element.kind === 'resource' && element.type === type);
  }

  get(address: string): TfElement | undefined {
    return this.byAddress.get(address);
  }

  /**
   * Every reference inside `value` (deeply, `//` metadata skipped), following `local.<name>` into the stack's locals,
   * in order of appearance, each element once per attribute.
   */
  references(value: unknown): Reference[] {
    const found: Reference[] = [];
    const seen = new Set<string>();
    const visitedLocals = new Set<string>();
    const visit = (item: unknown): void => {
      if (typeof item === 'string') {
        for (const match of item.matchAll(REFERENCE)) {
          const [, data, type, id, rest] = match as unknown as [string, string | undefined, string, string, string];
          const element = this.byAddress.get(`${data ? 'data.' : ''}${type}.${id}`);
          const attribute = rest.replace(/^\./, '');
          if (element && !seen.has(`${element.address}|${attribute}`)) {
            seen.add(`${element.address}|${attribute}`);
            found.push({ element, attribute });
          }
        }
        for (const match of item.matchAll(LOCAL)) {
          const name = match[1] as string;
          if (!visitedLocals.has(name) && name in this.locals) {
            visitedLocals.add(name);
            visit(this.locals[name]);
          }
        }
      } else if (Array.isArray(item)) {
        item.forEach(visit);
      } else if (item !== null && typeof item === 'object') {
        // `depends_on` names addresses for ordering only; `//` is cdktf's metadata.
        for (const [key, child] of Object.entries(item)) if (key !== '//' && key !== 'depends_on') visit(child);
      }
    };
    visit(value);
    return found;
  }

  /** The elements `value` references (each once), optionally only those of the given types. */
  referenced(value: unknown, ...types: string[]): TfElement[] {
    const elements = this.references(value)
      .map((reference) => reference.element)
      .filter((element) => types.length === 0 || types.includes(element.type));
    return [...new Set(elements)];
  }

  /** The one element of `type` that `value` references, if exactly one. */
  referencedOne(value: unknown, type: string): TfElement | undefined {
    const elements = this.referenced(value, type);
    return elements.length === 1 ? elements[0] : undefined;
  }

  /** The references of an element's own block (cached). */
  referencesFrom(element: TfElement): Reference[] {
    let references = this.referencesOf.get(element);
    if (!references) {
      references = this.references(element.block);
      this.referencesOf.set(element, references);
    }
    return references;
  }

  /** The elements whose blocks reference `target` (in address order), optionally only of the given types. */
  referrers(target: TfElement, ...types: string[]): TfElement[] {
    return this.elements.filter(
      (element) =>
        (types.length === 0 || types.includes(element.type)) &&
        element !== target &&
        this.referencesFrom(element).some((reference) => reference.element === target),
    );
  }

  /** The remote-state outputs (of other stacks) that `value` uses. */
  remoteOutputs(value: unknown): RemoteOutput[] {
    const text = JSON.stringify(value);
    const found = new Map<string, RemoteOutput>();
    for (const match of text.matchAll(REMOTE_OUTPUT)) {
      const [, id, output] = match as unknown as [string, string, string];
      const dataSource = this.byAddress.get(`data.terraform_remote_state.${id}`);
      if (dataSource) found.set(`${id}|${output}`, { dataSource, output });
    }
    return [...found.values()];
  }
}

/** Plain code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
