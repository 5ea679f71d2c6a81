/**
 * serviceRouting: target groups, the default target group and the path routes from a map of services, in the map's
 * order and with only the fields given; what LoadBalancer makes of the result; the refusals with the field named; and
 * the routing props ecs-fullstack and ec2-web build by hand today (copied literally below), so that wiring the builder
 * in cannot change the synthesized load balancer.
 */
import {
  LoadBalancer,
  serviceRouting,
  type ServiceRoutingEntry,
  type LoadBalancerRoute,
  type LoadBalancerTargetGroupProps,
} from '../../modules/load-balancer';
import { Template, testStack } from '../helpers/template';
import { expectIssues, thrownBy, type ExpectedIssue } from '../helpers/validation';

const SERVICES: Record<string, ServiceRoutingEntry> = {
  web: { port: 3000, healthCheck: { path: '/' } },
  api: {
    targetGroupName: 'shop-dev-api-tg',
    port: 8080,
    protocol: 'HTTP',
    targetType: 'ip',
    deregistrationDelaySeconds: 10,
    healthCheck: { path: '/health', intervalSeconds: 15, timeoutSeconds: 5, matcher: '200' },
    pathPatterns: ['/api/*', '/graphql'],
    priority: 100,
  },
  admin: { port: 9000, healthCheck: { path: '/admin/health' }, pathPatterns: ['/admin/*'], priority: 50 },
};

describe('serviceRouting', () => {
  it('makes one target group per service with only the fields given, in the map order', () => {
    const routing = serviceRouting(SERVICES);
    expect(Object.keys(routing.targetGroups)).toEqual(['web', 'api', 'admin']);
    expect(routing.targetGroups).toStrictEqual({
      web: { port: 3000, healthCheck: { path: '/' } },
      api: {
        name: 'shop-dev-api-tg',
        port: 8080,
        protocol: 'HTTP',
        targetType: 'ip',
        deregistrationDelaySeconds: 10,
        healthCheck: { path: '/health', intervalSeconds: 15, timeoutSeconds: 5, matcher: '200' },
      },
      admin: { port: 9000, healthCheck: { path: '/admin/health' } },
    });
  });

  it('makes the service without path patterns the default, and one route per other service in the map order', () => {
    const routing = serviceRouting(SERVICES);
    expect(routing.defaultTargetGroup).toBe('web');
    expect(routing.routes).toStrictEqual([
      { targetGroup: 'api', pathPatterns: ['/api/*', '/graphql'], priority: 100 },
      { targetGroup: 'admin', pathPatterns: ['/admin/*'], priority: 50 },
    ]);
  });

  it('ignores the priority of the default service (it has no rule)', () => {
    const routing = serviceRouting({
      web: { port: 3000, healthCheck: { path: '/' }, pathPatterns: [], priority: 100 },
      api: { port: 8080, healthCheck: { path: '/health' }, pathPatterns: ['/api/*'], priority: 100 },
    });
    expect(routing.defaultTargetGroup).toBe('web');
    expect(routing.routes).toStrictEqual([{ targetGroup: 'api', pathPatterns: ['/api/*'], priority: 100 }]);
  });

  it('copies its input: changing the result leaves the services alone', () => {
    const routing = serviceRouting(SERVICES);
    (routing.routes[0]!.pathPatterns as string[]).push('/x');
    expect(SERVICES.api!.pathPatterns).toEqual(['/api/*', '/graphql']);
  });

  it('spreads into LoadBalancer: target groups, the default action and one rule per route', () => {
    const stack = testStack();
    new LoadBalancer(stack, 'alb', {
      name: 'shop-dev',
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-a', 'subnet-b'],
      allowPlainHttp: true,
      accessLogs: { enabled: false },
      ...serviceRouting(SERVICES),
    });
    const t = Template.fromStack(stack);
    expect(t.count('aws_lb_target_group')).toBe(3);
    expect(t.resource('aws_lb_target_group', 'alb/target-group-api')).toMatchObject({
      name: 'shop-dev-api-tg',
      port: 8080,
      deregistration_delay: '10',
    });
    expect(t.resource('aws_lb_target_group', 'alb/target-group-web')).toMatchObject({ name: 'shop-dev-web' });
    expect(t.resource('aws_lb_listener', 'alb/http-listener')).toMatchObject({
      default_action: [
        { type: 'forward', target_group_arn: t.ref('aws_lb_target_group', 'alb/target-group-web', 'arn') },
      ],
    });
    expect(t.resource('aws_lb_listener_rule', 'alb/rule-50')).toMatchObject({
      priority: 50,
      condition: [{ path_pattern: { values: ['/admin/*'] } }],
    });
    expect(t.count('aws_lb_listener_rule')).toBe(2);
  });

  it.each<[string, Record<string, ServiceRoutingEntry>, ExpectedIssue[]]>([
    ['no service', {}, [{ path: 'services', value: {}, message: /at least one service/ }]],
    [
      'no default service',
      {
        api: { port: 8080, healthCheck: { path: '/health' }, pathPatterns: ['/api/*'], priority: 1 },
        web: { port: 3000, healthCheck: { path: '/' }, pathPatterns: ['/*'], priority: 2 },
      },
      [{ path: 'services', value: ['api', 'web'], message: /exactly one service without pathPatterns/ }],
    ],
    [
      'two default services',
      {
        web: { port: 3000, healthCheck: { path: '/' } },
        docs: { port: 4000, healthCheck: { path: '/' }, pathPatterns: [] },
      },
      [
        {
          path: 'services.docs.pathPatterns',
          value: [],
          message: /is empty like services.web.pathPatterns; exactly one service/,
        },
      ],
    ],
    [
      'a routed service without a priority, and one with a fractional priority',
      {
        web: { port: 3000, healthCheck: { path: '/' } },
        api: { port: 8080, healthCheck: { path: '/health' }, pathPatterns: ['/api/*'] },
        admin: { port: 9000, healthCheck: { path: '/' }, pathPatterns: ['/admin/*'], priority: 1.5 },
      },
      [
        {
          path: 'services.api.priority',
          value: undefined,
          message: /from 1 to 50000 \(the rule priority of its path patterns\)/,
        },
        { path: 'services.admin.priority', value: 1.5, message: /from 1 to 50000/ },
      ],
    ],
    [
      'a repeated priority and a priority above 50000',
      {
        web: { port: 3000, healthCheck: { path: '/' } },
        api: { port: 8080, healthCheck: { path: '/health' }, pathPatterns: ['/api/*'], priority: 100 },
        admin: { port: 9000, healthCheck: { path: '/' }, pathPatterns: ['/admin/*'], priority: 100 },
        docs: { port: 4000, healthCheck: { path: '/' }, pathPatterns: ['/docs/*'], priority: 50001 },
      },
      [
        { path: 'services.admin.priority', value: 100, message: /repeats the priority of services.api.priority/ },
        { path: 'services.docs.priority', value: 50001, message: /from 1 to 50000/ },
      ],
    ],
    [
      'six path patterns and an over-long one',
      {
        web: { port: 3000, healthCheck: { path: '/' } },
        api: {
          port: 8080,
          healthCheck: { path: '/health' },
          pathPatterns: ['/a', '/b', '/c', '/d', '/e', `/${'x'.repeat(128)}`],
          priority: 1,
        },
      },
      [
        {
          path: 'services.api.pathPatterns',
          value: ['/a', '/b', '/c', '/d', '/e', `/${'x'.repeat(128)}`],
          message: /at most 5 path patterns/,
        },
        { path: 'services.api.pathPatterns[5]', value: `/${'x'.repeat(128)}`, message: /1 to 128 characters/ },
      ],
    ],
    [
      'a missing service',
      { web: { port: 3000, healthCheck: { path: '/' } }, api: undefined as unknown as ServiceRoutingEntry },
      [{ path: 'services.api', value: undefined, message: /must be a service/ }],
    ],
  ])('rejects %s, naming the field', (_label, services, expected) => {
    expectIssues(
      thrownBy(() => serviceRouting(services)),
      expected,
      /serviceRouting services/,
    );
  });

  it('names fields under the path given, e.g. the config path of the services', () => {
    const services = {
      frontend: { port: 3000, healthCheck: { path: '/' } },
      backend: { port: 8000, healthCheck: { path: '/health' }, pathPatterns: ['/api/*'], priority: 0 },
    };
    expectIssues(
      thrownBy(() => serviceRouting(services, { path: 'ecsFullstack.services' })),
      [{ path: 'ecsFullstack.services.backend.priority', value: 0, message: /from 1 to 50000/ }],
      /serviceRouting services/,
    );
  });
});

/**
 * Today's routing props of the two blueprints, copied literally from src/blueprints/ecs-fullstack.ts and
 * src/blueprints/ec2-web.ts (the LoadBalancer props) with the shipped config's values: serviceRouting must return
 * exactly these for the same inputs.
 */
describe("reproduces the blueprints' load-balancer routing exactly", () => {
  it('ecs-fullstack: two Fargate services, the frontend the default, the backend on /api/*', () => {
    const prefix = 'app-dev';
    const ECS_FULLSTACK_SERVICES = ['frontend', 'backend'] as const;
    const config = {
      services: {
        frontend: { containerPort: 3000, healthCheckPath: '/', pathPatterns: [] as string[], rulePriority: 200 },
        backend: {
          containerPort: 8000,
          healthCheckPath: '/api/v1/health',
          pathPatterns: ['/api/*'],
          rulePriority: 100,
        },
      },
    };

    // --- copied from ecs-fullstack.ts ---
    const serviceNames = ECS_FULLSTACK_SERVICES;
    const defaultService = serviceNames.find((name) => config.services[name].pathPatterns.length === 0)!;
    const today: {
      targetGroups: Record<string, LoadBalancerTargetGroupProps>;
      defaultTargetGroup: string;
      routes: LoadBalancerRoute[];
    } = {
      targetGroups: Object.fromEntries(
        serviceNames.map((name) => [
          name,
          {
            name: `${prefix}-${name}`,
            port: config.services[name].containerPort,
            targetType: 'ip' as const,
            healthCheck: { path: config.services[name].healthCheckPath },
          },
        ]),
      ),
      defaultTargetGroup: defaultService,
      routes: serviceNames
        .filter((name) => config.services[name].pathPatterns.length > 0)
        .map((name) => ({
          targetGroup: name,
          pathPatterns: config.services[name].pathPatterns,
          priority: config.services[name].rulePriority,
        })),
    };
    // --- end of the copy ---

    /** The wiring ecs-fullstack will use. */
    const built = serviceRouting(
      Object.fromEntries(
        serviceNames.map((name) => [
          name,
          {
            targetGroupName: `${prefix}-${name}`,
            port: config.services[name].containerPort,
            targetType: 'ip' as const,
            healthCheck: { path: config.services[name].healthCheckPath },
            pathPatterns: config.services[name].pathPatterns,
            priority: config.services[name].rulePriority,
          },
        ]),
      ),
    );
    expect(built).toStrictEqual(today);
    expect(Object.keys(built.targetGroups)).toEqual(Object.keys(today.targetGroups));
  });

  it('ec2-web: one instance target group, the default, no routes', () => {
    const env = 'dev';
    const tg = {
      port: 8080,
      healthCheckPath: '/health',
      intervalSeconds: 30,
      timeoutSeconds: 3,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    };

    // --- copied from ec2-web.ts ---
    const today = {
      targetGroups: {
        backend: {
          // The document's own name for it.
          name: `${env}-backend-tg`,
          port: tg.port,
          targetType: 'instance',
          healthCheck: {
            path: tg.healthCheckPath,
            intervalSeconds: tg.intervalSeconds,
            timeoutSeconds: tg.timeoutSeconds,
            healthyThreshold: tg.healthyThreshold,
            unhealthyThreshold: tg.unhealthyThreshold,
          },
        },
      },
      defaultTargetGroup: 'backend',
    };
    // --- end of the copy ---

    /** The wiring ec2-web will use. */
    const built = serviceRouting({
      backend: {
        targetGroupName: `${env}-backend-tg`,
        port: tg.port,
        targetType: 'instance',
        healthCheck: {
          path: tg.healthCheckPath,
          intervalSeconds: tg.intervalSeconds,
          timeoutSeconds: tg.timeoutSeconds,
          healthyThreshold: tg.healthyThreshold,
          unhealthyThreshold: tg.unhealthyThreshold,
        },
      },
    });
    // Today ec2-web passes no `routes`; LoadBalancer reads a missing `routes` as [] (`props.routes ?? []`).
    expect(built).toStrictEqual({ ...today, routes: [] });
  });
});
