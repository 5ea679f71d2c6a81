/**
 * Facts about Fargate and ECS that both the cluster and the service check: task sizes, capacity providers and name
 * rules (number ranges and KMS keys are checked with modules/core/checks.ts). Pure functions returning
 * `ValidationIssue`s, so callers (and config validation) can use them too.
 */
import { Token } from 'cdktf';
import { checkOptionalInteger } from '../core/checks';
import { joinPath, type ValidationIssue } from '../core/validation';

const steps = (from: number, to: number, step: number): number[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, index) => from + index * step);

/** Task memory (MiB) Fargate accepts for each task CPU value (CPU units; 1024 = 1 vCPU), Linux platform 1.4.0. */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

export const FARGATE_CPU_VALUES: readonly number[] = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

/** The allowed memory sizes for one CPU value, in words: `512, 1024 or 2048` or `2048 to 8192 in steps of 1024`. */
function describeMemory(sizes: readonly number[]): string {
  if (sizes.length <= 3) return `${sizes.slice(0, -1).join(', ')} or ${sizes[sizes.length - 1]}`;
  return `${sizes[0]} to ${sizes[sizes.length - 1]} in steps of ${(sizes[1] as number) - (sizes[0] as number)}`;
}

/** Checks a task size against the Fargate CPU/memory combinations. */
export function checkFargateTaskSize(
  cpuPath: string,
  cpu: number,
  memoryPath: string,
  memoryMiB: number,
): ValidationIssue[] {
  const sizes = FARGATE_MEMORY_BY_CPU[cpu];
  if (!sizes) {
    return [{ path: cpuPath, value: cpu, message: `must be a Fargate CPU value (${FARGATE_CPU_VALUES.join(', ')})` }];
  }
  if (!sizes.includes(memoryMiB)) {
    const message = `must be a Fargate memory size for cpu ${cpu}: ${describeMemory(sizes)} MiB`;
    return [{ path: memoryPath, value: memoryMiB, message }];
  }
  return [];
}

export const FARGATE_CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;
export type FargateCapacityProvider = (typeof FARGATE_CAPACITY_PROVIDERS)[number];

/** One entry of a capacity provider strategy. */
export interface FargateCapacityProviderStrategyItem {
  /** `FARGATE` (on demand) or `FARGATE_SPOT` (interruptible, cheaper). Required. */
  readonly capacityProvider: FargateCapacityProvider;
  /** Relative share of the tasks placed beyond every base, 0 to 1000. Default: 1. */
  readonly weight?: number;
  /** Tasks placed on this provider before weights apply, 0 to 100000; only one entry may set it. Default: 0. */
  readonly base?: number;
}

export const DEFAULT_CAPACITY_PROVIDER_STRATEGY: readonly FargateCapacityProviderStrategyItem[] = [
  { capacityProvider: 'FARGATE', weight: 1 },
];

/** The strategy as the provider's blocks take it, with defaults filled in. */
export function capacityProviderStrategyBlocks(strategy: readonly FargateCapacityProviderStrategyItem[]) {
  return strategy.map((item) => ({
    capacityProvider: item.capacityProvider,
    weight: item.weight ?? 1,
    base: item.base ?? 0,
  }));
}

export function checkCapacityProviderStrategy(
  path: string,
  strategy: readonly FargateCapacityProviderStrategyItem[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (strategy.length === 0) {
    return [{ path, value: strategy, message: 'must have at least one entry (FARGATE and/or FARGATE_SPOT)' }];
  }
  const seen = new Set<string>();
  strategy.forEach((item, index) => {
    const itemPath = joinPath(path, index);
    if (!(FARGATE_CAPACITY_PROVIDERS as readonly string[]).includes(item.capacityProvider)) {
      issues.push({
        path: joinPath(itemPath, 'capacityProvider'),
        value: item.capacityProvider,
        message: 'must be "FARGATE" or "FARGATE_SPOT"',
      });
    } else if (seen.has(item.capacityProvider)) {
      issues.push({
        path: joinPath(itemPath, 'capacityProvider'),
        value: item.capacityProvider,
        message: 'is listed more than once',
      });
    }
    seen.add(item.capacityProvider);
    issues.push(...checkOptionalInteger(joinPath(itemPath, 'weight'), item.weight, 0, 1000));
    issues.push(...checkOptionalInteger(joinPath(itemPath, 'base'), item.base, 0, 100000));
  });
  const withBase = strategy.filter((item) => (item.base ?? 0) > 0);
  if (withBase.length > 1) {
    issues.push({ path, value: strategy, message: 'may set a base above 0 on one entry only' });
  }
  if (strategy.every((item) => (item.weight ?? 1) === 0)) {
    issues.push({ path, value: strategy, message: 'must give at least one entry a weight above 0' });
  }
  return issues;
}

export function checkPort(path: string, port: number | undefined): ValidationIssue[] {
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) return [];
  return [{ path, value: port, message: 'must be a TCP port from 1 to 65535' }];
}

const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** Cluster, service and container names: 1 to 255 letters, digits, hyphens and underscores. */
export function checkEcsName(path: string, name: string): ValidationIssue[] {
  if (Token.isUnresolved(name) || (typeof name === 'string' && ECS_NAME.test(name))) return [];
  return [{ path, value: name, message: 'must be 1 to 255 letters, digits, hyphens (-) and underscores (_)' }];
}

const LOG_GROUP_NAME = /^[A-Za-z0-9._\-/#]{1,512}$/;

export function checkLogGroupName(path: string, name: string): ValidationIssue[] {
  if (Token.isUnresolved(name) || (typeof name === 'string' && LOG_GROUP_NAME.test(name))) return [];
  return [{ path, value: name, message: 'must be 1 to 512 characters of letters, digits and . _ - / #' }];
}

/** The first `length` characters of a name, for derived names with a length limit. */
export function truncate(value: string, length: number): string {
  return value.length > length ? value.slice(0, length) : value;
}
