/**
 * Load-balancer routing from a map of services: each service gets a target group, the one service without path
 * patterns receives every request no rule matches (the default target group), and every other service gets a
 * path-pattern rule at its priority. The result spreads into {@link LoadBalancerProps}:
 *
 * ```ts
 * new LoadBalancer(this, 'alb', { name, vpcId, subnetIds, ...serviceRouting({
 *   web: { port: 3000, healthCheck: { path: '/' } },
 *   api: { port: 8080, healthCheck: { path: '/health' }, pathPatterns: ['/api/*'], priority: 100 },
 * }) });
 * ```
 *
 * | service has pathPatterns | becomes                                               | priority              |
 * | ------------------------ | ----------------------------------------------------- | --------------------- |
 * | no (exactly one service) | `defaultTargetGroup`: the listener's default action   | ignored               |
 * | yes (1 to 5)             | a route: listener rule forwarding matching paths      | required, unique      |
 *
 * Target groups and routes keep the order of the map's keys. The map's keys are the target-group keys (construct ids
 * `target-group-<key>`, default names `<load balancer name>-<key>`).
 */
import { checkInteger } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';
import type {
  LoadBalancerHealthCheckProps,
  LoadBalancerProps,
  LoadBalancerRoute,
  LoadBalancerTargetGroupProps,
} from './index';

/** One service behind the load balancer: its target group and, unless it is the default, its route. */
export interface ServiceRoutingEntry {
  /** The target group's name, at most 32 letters, digits and hyphens. Default: the load balancer's `<name>-<key>`. */
  readonly targetGroupName?: string;
  /** Port the service's targets receive traffic on, 1-65535. Required. */
  readonly port: number;
  /** Protocol from the load balancer to the targets. Default: `HTTP`. */
  readonly protocol?: 'HTTP' | 'HTTPS';
  /** `ip` for Fargate tasks, `instance` for EC2 instances of an Auto Scaling group. Default: `ip`. */
  readonly targetType?: 'ip' | 'instance';
  /** Seconds a deregistering target keeps serving in-flight requests, 0-3600. Default: 30. */
  readonly deregistrationDelaySeconds?: number;
  /** The target health check. Required (the path at least). */
  readonly healthCheck: LoadBalancerHealthCheckProps;
  /**
   * Paths routed to this service (`/api/*`), 1 to 5 of at most 128 characters. Default: [] (none): the service is the
   * default target group, and exactly one service must be.
   */
  readonly pathPatterns?: readonly string[];
  /**
   * Listener-rule priority of the path patterns, 1-50000, unique among the services with path patterns (the lowest
   * matching priority wins). Required with pathPatterns; ignored for the default service. Default: none.
   */
  readonly priority?: number;
}

/** The routing props of a `LoadBalancer`: spread them into its props. */
export type ServiceRouting = Required<Pick<LoadBalancerProps, 'targetGroups' | 'defaultTargetGroup'>> & {
  readonly routes: LoadBalancerRoute[];
};

export interface ServiceRoutingOptions {
  /** Path of the services map in error messages, e.g. `ecsFullstack.services`. Default: `services`. */
  readonly path?: string;
}

/**
 * Target groups, the default target group and the path routes of `services`; throws a ValidationError whose issues
 * name the field (`services.api.priority`).
 */
export function serviceRouting(
  services: Readonly<Record<string, ServiceRoutingEntry>>,
  options: ServiceRoutingOptions = {},
): ServiceRouting {
  assertNoIssues('serviceRouting services', validateServiceRouting(services, options));
  const entries = Object.entries(services);
  const targetGroups: Record<string, LoadBalancerTargetGroupProps> = {};
  for (const [key, service] of entries) {
    targetGroups[key] = {
      ...(service.targetGroupName !== undefined && { name: service.targetGroupName }),
      port: service.port,
      ...(service.protocol !== undefined && { protocol: service.protocol }),
      ...(service.targetType !== undefined && { targetType: service.targetType }),
      ...(service.deregistrationDelaySeconds !== undefined && {
        deregistrationDelaySeconds: service.deregistrationDelaySeconds,
      }),
      healthCheck: { ...service.healthCheck },
    };
  }
  const [defaultKey] = entries.find(([, service]) => !isRouted(service))!;
  const routes = entries
    .filter(([, service]) => isRouted(service))
    .map(([key, service]) => ({
      targetGroup: key,
      pathPatterns: [...(service.pathPatterns ?? [])],
      priority: service.priority as number,
    }));
  return { targetGroups, defaultTargetGroup: defaultKey, routes };
}

/** Every rule {@link serviceRouting} enforces, as a pure function; paths are `<options.path>.<service>.<field>`. */
export function validateServiceRouting(
  services: Readonly<Record<string, ServiceRoutingEntry>>,
  options: ServiceRoutingOptions = {},
): ValidationIssue[] {
  const base = options.path ?? 'services';
  const at = (...segments: Array<string | number>) => joinPath(base, ...segments);
  const issues: ValidationIssue[] = [];
  const entries = Object.entries(services ?? {});
  if (entries.length === 0) {
    return [{ path: base, value: services, message: 'must hold at least one service' }];
  }

  const defaults = entries.filter(([, service]) => isService(service) && !isRouted(service)).map(([key]) => key);
  if (defaults.length === 0) {
    const message =
      'must have exactly one service without pathPatterns (the default target group, for requests no route matches); every service has some';
    issues.push({ path: base, value: entries.map(([key]) => key), message });
  }
  for (const extra of defaults.slice(1)) {
    const message = `is empty like ${at(defaults[0]!, 'pathPatterns')}; exactly one service may have no path patterns (the default target group)`;
    issues.push({ path: at(extra, 'pathPatterns'), value: services[extra]?.pathPatterns ?? [], message });
  }

  const priorities = new Map<number, string>();
  for (const [key, service] of entries) {
    if (!isService(service)) {
      issues.push({ path: at(key), value: service, message: 'must be a service: port, healthCheck, and its routing' });
      continue;
    }
    if (!isRouted(service)) continue;
    const patterns = service.pathPatterns ?? [];
    if (patterns.length > 5) {
      const message = 'must list at most 5 path patterns (one listener rule holds 5 values)';
      issues.push({ path: at(key, 'pathPatterns'), value: patterns, message });
    }
    patterns.forEach((pattern, index) => {
      if (typeof pattern !== 'string' || pattern.length < 1 || pattern.length > 128) {
        const message = 'must be a path pattern of 1 to 128 characters';
        issues.push({ path: at(key, 'pathPatterns', index), value: pattern, message });
      }
    });
    const path = at(key, 'priority');
    const priorityIssues = checkInteger(path, service.priority, 1, 50000, 'a whole number').map((issue) => ({
      ...issue,
      message: `${issue.message} (the rule priority of its path patterns)`,
    }));
    issues.push(...priorityIssues);
    if (priorityIssues.length > 0) continue;
    const priority = service.priority as number;
    const other = priorities.get(priority);
    if (other !== undefined) {
      const message = `repeats the priority of ${at(other, 'priority')}; priorities must be unique`;
      issues.push({ path, value: priority, message });
    } else {
      priorities.set(priority, key);
    }
  }
  return issues;
}

function isService(service: unknown): service is ServiceRoutingEntry {
  return typeof service === 'object' && service !== null;
}

function isRouted(service: ServiceRoutingEntry): boolean {
  return (service.pathPatterns ?? []).length > 0;
}
