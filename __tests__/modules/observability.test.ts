/**
 * The observability module: the alarm topic's KMS key policy, rotation and topic wiring, the topic policy (CloudWatch
 * publishes for this account only, no request without TLS) and e-mail subscriptions; alarms with every argument and
 * their defaults (metric, statistic, threshold, comparison, periods with cdktf's matchers; actions and the exact
 * argument set with the Template); the dashboard body and its grid layout; and props validation of all three. Each
 * scenario is synthesized once.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Fn, Testing, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  AlarmTopic,
  COMPARISON_OPERATORS,
  Dashboard,
  dashboardConsoleUrl,
  LogMetricFilter,
  MetricAlarm,
  MetricMathAlarm,
  rowWidths,
  type AlarmTopicProps,
  type Comparison,
  type DashboardProps,
  type LogMetricFilterProps,
  type MetricAlarmProps,
  type MetricMathAlarmProps,
} from '../../modules/observability';
import { resolved, Template, testStack } from '../helpers/template';
import { issuePathsAndValues, rejectsEachCase, thrownBy, type ExpectedIssue } from '../helpers/validation';

const ACCOUNT = '123456789012';
const OWNER_ACTIONS = [
  'sns:GetTopicAttributes',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:DeleteTopic',
  'sns:Subscribe',
  'sns:ListSubscriptionsByTopic',
  'sns:Publish',
];
const SAME_ACCOUNT = [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }];

/** Builds once in beforeAll and hands the result to the tests. */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  beforeAll(() => {
    built = build();
  });
  return () => {
    if (built === undefined) throw new Error('scenario not built');
    return built;
  };
}

describe('AlarmTopic with a key of its own and two e-mail subscriptions', () => {
  const s = once(() => {
    const stack = testStack();
    const alarms = new AlarmTopic(stack, 'alarms', {
      name: 'shop-prod',
      accountId: ACCOUNT,
      emailAddresses: ['ops@example.com', 'On.Call@Example.org'],
      displayName: 'Shop prod alarms',
      tags: { team: 'platform' },
    });
    return { stack, alarms, t: Template.fromStack(stack) };
  });

  it('creates a KMS key with rotation on, a 30-day deletion window and the key policy below', () => {
    const { t } = s();
    expect(t.count('aws_kms_key')).toBe(1);
    expect(t.resource('aws_kms_key', 'alarms/key')).toMatchObject({
      description: 'Encrypts the shop-prod alarm notification topic',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: t.dataRef('aws_iam_policy_document', 'alarms/key-policy'),
      tags: { team: 'platform' },
    });
  });

  it('lets the account administer the key and CloudWatch of this account encrypt with it, nothing more', () => {
    expect(s().t.dataSource('aws_iam_policy_document', 'alarms/key-policy').statement).toEqual([
      {
        sid: 'AccountAdministersKey',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
        actions: ['kms:*'],
        resources: ['*'],
      },
      {
        sid: 'CloudWatchAlarmsEncryptNotifications',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        condition: SAME_ACCOUNT,
      },
    ]);
  });

  it('names the key alias/<name>-alarms', () => {
    const { t } = s();
    expect(t.resource('aws_kms_alias', 'alarms/key-alias')).toMatchObject({
      name: 'alias/shop-prod-alarms',
      target_key_id: t.ref('aws_kms_key', 'alarms/key', 'key_id'),
    });
  });

  it('encrypts the topic with that key (not aws/sns)', () => {
    const { t } = s();
    expect(t.count('aws_sns_topic')).toBe(1);
    expect(t.resource('aws_sns_topic', 'alarms/topic')).toMatchObject({
      name: 'shop-prod',
      display_name: 'Shop prod alarms',
      kms_master_key_id: t.ref('aws_kms_key', 'alarms/key', 'arn'),
      tags: { team: 'platform' },
    });
  });

  it('attaches the topic policy to the topic', () => {
    const { t } = s();
    expect(t.resource('aws_sns_topic_policy', 'alarms/topic-policy')).toMatchObject({
      arn: t.ref('aws_sns_topic', 'alarms/topic', 'arn'),
      policy: t.dataRef('aws_iam_policy_document', 'alarms/topic-policy-document'),
    });
  });

  it('lets the owner manage the topic, CloudWatch of this account publish, and denies requests without TLS', () => {
    const { t } = s();
    const topicArn = t.ref('aws_sns_topic', 'alarms/topic', 'arn');
    expect(t.dataSource('aws_iam_policy_document', 'alarms/topic-policy-document').statement).toEqual([
      {
        sid: 'AccountOwnsTopic',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
        actions: OWNER_ACTIONS,
        resources: [topicArn],
      },
      {
        sid: 'CloudWatchAlarmsPublish',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
        actions: ['sns:Publish'],
        resources: [topicArn],
        condition: SAME_ACCOUNT,
      },
      {
        sid: 'DenyWithoutTls',
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: OWNER_ACTIONS,
        resources: [topicArn],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ]);
  });

  it('subscribes each address by e-mail, keyed by the address', () => {
    const { t, alarms } = s();
    const topicArn = t.ref('aws_sns_topic', 'alarms/topic', 'arn');
    expect(t.count('aws_sns_topic_subscription')).toBe(2);
    expect(t.resource('aws_sns_topic_subscription', 'alarms/email-ops-example-com')).toEqual({
      topic_arn: topicArn,
      protocol: 'email',
      endpoint: 'ops@example.com',
    });
    expect(t.resource('aws_sns_topic_subscription', 'alarms/email-on-call-example-org')).toEqual({
      topic_arn: topicArn,
      protocol: 'email',
      endpoint: 'On.Call@Example.org',
    });
    expect(Object.keys(alarms.subscriptions)).toEqual(['ops@example.com', 'On.Call@Example.org']);
  });

  it('exposes the topic ARN and name, the key and its ARN', () => {
    const { stack, t, alarms } = s();
    expect(resolved(stack, [alarms.topicArn, alarms.topicName, alarms.kmsKeyArn])).toEqual([
      t.ref('aws_sns_topic', 'alarms/topic', 'arn'),
      t.ref('aws_sns_topic', 'alarms/topic', 'name'),
      t.ref('aws_kms_key', 'alarms/key', 'arn'),
    ]);
    expect(alarms.key).toBeDefined();
    expect(alarms.keyAlias).toBeDefined();
  });
});

describe('AlarmTopic with EventBridge publishing and a 7-day key deletion window, in aws-us-gov', () => {
  const s = once(() => {
    const stack = testStack();
    new AlarmTopic(stack, 'alarms', {
      name: 'events',
      accountId: ACCOUNT,
      partition: 'aws-us-gov',
      allowEventBridgePublish: true,
      keyDeletionWindowInDays: 7,
    });
    return Template.fromStack(stack);
  });

  it('uses the partition in the root principal and the deletion window on the key', () => {
    const t = s();
    expect(t.resource('aws_kms_key', 'alarms/key').deletion_window_in_days).toBe(7);
    const [admin] = t.dataSource('aws_iam_policy_document', 'alarms/key-policy').statement as Array<
      Record<string, unknown>
    >;
    expect(admin?.principals).toEqual([{ type: 'AWS', identifiers: [`arn:aws-us-gov:iam::${ACCOUNT}:root`] }]);
  });

  it('lets EventBridge use the key without a source condition, which its KMS requests do not carry', () => {
    const statements = s().dataSource('aws_iam_policy_document', 'alarms/key-policy').statement;
    expect(statements).toHaveLength(3);
    expect((statements as unknown[])[2]).toEqual({
      sid: 'EventBridgeEncryptNotifications',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    });
  });

  it('lets EventBridge of this account publish to the topic', () => {
    const t = s();
    const statements = t.dataSource('aws_iam_policy_document', 'alarms/topic-policy-document').statement as Array<
      Record<string, unknown>
    >;
    expect(statements.map((statement) => statement.sid)).toEqual([
      'AccountOwnsTopic',
      'CloudWatchAlarmsPublish',
      'EventBridgePublish',
      'DenyWithoutTls',
    ]);
    expect(statements[2]).toEqual({
      sid: 'EventBridgePublish',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
      actions: ['sns:Publish'],
      resources: [t.ref('aws_sns_topic', 'alarms/topic', 'arn')],
      condition: SAME_ACCOUNT,
    });
  });

  it('creates no subscription without addresses', () => {
    expect(s().count('aws_sns_topic_subscription')).toBe(0);
  });
});

describe('AlarmTopic with a key of the caller', () => {
  const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const s = once(() => {
    const stack = testStack();
    const alarms = new AlarmTopic(stack, 'alarms', { name: 'byok', accountId: ACCOUNT, kmsKeyArn: keyArn });
    return { alarms, t: Template.fromStack(stack) };
  });

  it('encrypts the topic with the given key and creates no key, alias or key policy', () => {
    const { t, alarms } = s();
    expect(t.resource('aws_sns_topic', 'alarms/topic').kms_master_key_id).toBe(keyArn);
    expect(t.count('aws_kms_key')).toBe(0);
    expect(t.count('aws_kms_alias')).toBe(0);
    expect(Object.keys(t.dataSources('aws_iam_policy_document'))).toHaveLength(1);
    expect(alarms.key).toBeUndefined();
    expect(alarms.keyAlias).toBeUndefined();
    expect(alarms.kmsKeyArn).toBe(keyArn);
  });
});

const SCALE_OUT = `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:abc:autoScalingGroupName/web:policyName/out`;

/**
 * An alarm topic `alarms` and alarms on it: `api-cpu` with every argument, `defaults` with only the required ones,
 * `latency` on a percentile, and `comparison-<i>` for each comparison.
 */
function alarms(scope: Construct): MetricAlarm {
  const topic = new AlarmTopic(scope, 'alarms', { name: 'alarms', accountId: ACCOUNT });
  const full = new MetricAlarm(scope, 'api-cpu', {
    alarmName: 'shop-prod-api-cpu-high',
    description: 'API CPU above 80% for 2 of 3 minutes: check the service',
    namespace: 'AWS/ECS',
    metricName: 'CPUUtilization',
    dimensions: { ClusterName: 'shop-prod', ServiceName: 'api' },
    statistic: 'Maximum',
    comparison: '>=',
    threshold: 80,
    percentMetric: true,
    periodSeconds: 120,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    treatMissingData: 'breaching',
    unit: 'Percent',
    alarmActions: [topic.topicArn, SCALE_OUT],
    okActions: [topic.topicArn],
    insufficientDataActions: [topic.topicArn],
    actionsEnabled: false,
    tags: { team: 'platform' },
  });
  new MetricAlarm(scope, 'defaults', {
    alarmName: 'redis-evictions',
    description: 'Redis evicts keys',
    namespace: 'AWS/ElastiCache',
    metricName: 'Evictions',
    comparison: '>',
    threshold: 0,
    evaluationPeriods: 2,
  });
  new MetricAlarm(scope, 'latency', {
    alarmName: 'alb-latency',
    description: 'p99 target response time above 1 s',
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: { LoadBalancer: 'app/shop/0123456789abcdef' },
    extendedStatistic: 'p99',
    comparison: '>',
    threshold: 1,
    periodSeconds: 300,
    evaluationPeriods: 1,
    alarmActions: [topic.topicArn],
  });
  (Object.keys(COMPARISON_OPERATORS) as Comparison[]).forEach(
    (comparison, index) =>
      new MetricAlarm(scope, `comparison-${index}`, {
        alarmName: `comparison-${index}`,
        description: comparison,
        namespace: 'Custom',
        metricName: 'Value',
        comparison,
        threshold: 1,
        evaluationPeriods: 1,
      }),
  );
  return full;
}

describe('MetricAlarm (cdktf matchers)', () => {
  const synthesized = Testing.synthScope(alarms);

  it('sets every argument given: metric, statistic, threshold, comparison, periods, missing data, unit, tags', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'shop-prod-api-cpu-high',
      alarm_description: 'API CPU above 80% for 2 of 3 minutes: check the service',
      namespace: 'AWS/ECS',
      metric_name: 'CPUUtilization',
      dimensions: { ClusterName: 'shop-prod', ServiceName: 'api' },
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 80,
      period: 120,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'breaching',
      unit: 'Percent',
      actions_enabled: false,
      tags: { team: 'platform' },
    });
  });

  it('defaults to Average over 60 s, M = N, missing data as missing, actions enabled but none', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'redis-evictions',
      alarm_description: 'Redis evicts keys',
      namespace: 'AWS/ElastiCache',
      metric_name: 'Evictions',
      statistic: 'Average',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      period: 60,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      treat_missing_data: 'missing',
      actions_enabled: true,
      alarm_actions: [],
      ok_actions: [],
      insufficient_data_actions: [],
    });
  });

  it('uses extended_statistic instead of statistic for a percentile', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'alb-latency',
      extended_statistic: 'p99',
      period: 300,
      evaluation_periods: 1,
      threshold: 1,
    });
    expect(synthesized).not.toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'alb-latency',
      statistic: expect.anything(),
    });
  });

  it.each([
    [0, '>', 'GreaterThanThreshold'],
    [1, '>=', 'GreaterThanOrEqualToThreshold'],
    [2, '<', 'LessThanThreshold'],
    [3, '<=', 'LessThanOrEqualToThreshold'],
  ])('maps comparison %i (%s) to %s', (index, _comparison, operator) => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `comparison-${index}`,
      comparison_operator: operator,
    });
  });
});

describe('MetricAlarm', () => {
  const s = once(() => {
    const stack = testStack();
    const full = alarms(stack);
    return { stack, full, t: Template.fromStack(stack) };
  });

  it('sends alarm, OK and insufficient-data notifications to the actions given', () => {
    const { t } = s();
    const topicArn = t.ref('aws_sns_topic', 'alarms/topic', 'arn');
    expect(t.resource('aws_cloudwatch_metric_alarm', 'api-cpu/alarm')).toMatchObject({
      alarm_actions: [topicArn, SCALE_OUT],
      ok_actions: [topicArn],
      insufficient_data_actions: [topicArn],
    });
    expect(t.resource('aws_cloudwatch_metric_alarm', 'latency/alarm').alarm_actions).toEqual([topicArn]);
  });

  it('sends only the arguments given and the defaults: no unit, dimensions or tags unless given', () => {
    const { t } = s();
    const argumentsOf = (path: string) => Object.keys(t.resource('aws_cloudwatch_metric_alarm', path)).sort();
    const common = [
      'actions_enabled',
      'alarm_actions',
      'alarm_description',
      'alarm_name',
      'comparison_operator',
      'datapoints_to_alarm',
      'evaluation_periods',
      'insufficient_data_actions',
      'metric_name',
      'namespace',
      'ok_actions',
      'period',
      'statistic',
      'threshold',
      'treat_missing_data',
    ];
    expect(argumentsOf('defaults/alarm')).toEqual(common);
    expect(argumentsOf('api-cpu/alarm')).toEqual([...common, 'dimensions', 'tags', 'unit'].sort());
  });

  it('exposes the alarm ARN and name', () => {
    const { stack, t, full } = s();
    expect(resolved(stack, [full.alarmArn, full.alarmName])).toEqual([
      t.ref('aws_cloudwatch_metric_alarm', 'api-cpu/alarm', 'arn'),
      t.ref('aws_cloudwatch_metric_alarm', 'api-cpu/alarm', 'alarm_name'),
    ]);
  });
});

describe('Dashboard', () => {
  const s = once(() => {
    const stack = testStack();
    const topic = new AlarmTopic(stack, 'alarms', { name: 'alarms', accountId: ACCOUNT });
    const dashboard = new Dashboard(stack, 'overview', {
      dashboardName: 'shop-prod',
      region: 'us-east-1',
      rows: [
        [{ type: 'text', markdown: '# Shop prod' }],
        [
          {
            title: 'ECS CPU',
            metrics: [
              {
                namespace: 'AWS/ECS',
                metricName: 'CPUUtilization',
                dimensions: { ClusterName: 'c', ServiceName: 'api' },
              },
              {
                namespace: 'AWS/ECS',
                metricName: 'CPUUtilization',
                dimensions: { ClusterName: 'c', ServiceName: 'web' },
                label: 'web',
                stat: 'Maximum',
              },
            ],
            horizontalAnnotations: [{ value: 80, label: 'alarm', color: '#d62728' }],
            yAxis: { left: { min: 0, max: 100 } },
          },
          {
            title: 'ALB 5xx',
            width: 8,
            stat: 'Sum',
            period: 60,
            view: 'singleValue',
            metrics: [
              {
                namespace: 'AWS/ApplicationELB',
                metricName: 'HTTPCode_Target_5XX_Count',
                dimensions: { LoadBalancer: 'app/shop/0123' },
              },
            ],
          },
          {
            title: 'Alarm notifications',
            height: 8,
            stacked: true,
            region: 'us-west-2',
            metrics: [
              {
                namespace: 'AWS/SNS',
                metricName: 'NumberOfNotificationsFailed',
                dimensions: { TopicName: topic.topicName },
              },
            ],
          },
        ],
        [
          {
            title: 'Redis memory',
            metrics: [{ namespace: 'AWS/ElastiCache', metricName: 'DatabaseMemoryUsagePercentage' }],
          },
        ],
      ],
    });
    return { stack, dashboard, t: Template.fromStack(stack) };
  });

  it('creates one dashboard with its name and counts its widgets', () => {
    const { t, dashboard } = s();
    expect(t.count('aws_cloudwatch_dashboard')).toBe(1);
    expect(t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_name).toBe('shop-prod');
    expect(dashboard.widgetCount).toBe(5);
  });

  it('lays the rows out on the 24-column grid: shared widths, each row below the tallest widget above', () => {
    const layout = s().dashboard.body.widgets.map(({ type, x, y, width, height }) => ({ type, x, y, width, height }));
    expect(layout).toEqual([
      { type: 'text', x: 0, y: 0, width: 24, height: 2 },
      { type: 'metric', x: 0, y: 2, width: 8, height: 6 },
      { type: 'metric', x: 8, y: 2, width: 8, height: 6 },
      { type: 'metric', x: 16, y: 2, width: 8, height: 8 },
      { type: 'metric', x: 0, y: 10, width: 24, height: 6 },
    ]);
  });

  it('writes the text widget as markdown', () => {
    expect(s().dashboard.body.widgets[0]?.properties).toEqual({ markdown: '# Shop prod' });
  });

  it('writes metrics as [namespace, name, dimension pairs..., options] with the widget defaults', () => {
    expect(s().dashboard.body.widgets[1]?.properties).toEqual({
      title: 'ECS CPU',
      region: 'us-east-1',
      view: 'timeSeries',
      stacked: false,
      period: 300,
      stat: 'Average',
      metrics: [
        ['AWS/ECS', 'CPUUtilization', 'ClusterName', 'c', 'ServiceName', 'api'],
        ['AWS/ECS', 'CPUUtilization', 'ClusterName', 'c', 'ServiceName', 'web', { stat: 'Maximum', label: 'web' }],
      ],
      yAxis: { left: { min: 0, max: 100 } },
      annotations: { horizontal: [{ value: 80, label: 'alarm', color: '#d62728' }] },
    });
  });

  it('keeps a given period, stat, view and region', () => {
    const { dashboard } = s();
    expect(dashboard.body.widgets[2]?.properties).toMatchObject({
      title: 'ALB 5xx',
      region: 'us-east-1',
      view: 'singleValue',
      period: 60,
      stat: 'Sum',
      metrics: [['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', 'app/shop/0123']],
    });
    expect(dashboard.body.widgets[3]?.properties).toMatchObject({ region: 'us-west-2', stacked: true });
  });

  it('keeps token dimensions as references', () => {
    const { stack, t, dashboard } = s();
    expect(resolved(stack, dashboard.body.widgets[3]?.properties.metrics)).toEqual([
      ['AWS/SNS', 'NumberOfNotificationsFailed', 'TopicName', t.ref('aws_sns_topic', 'alarms/topic', 'name')],
    ]);
  });

  it('encodes the body with jsonencode, references included', () => {
    const { stack, t, dashboard } = s();
    const body = t.resource('aws_cloudwatch_dashboard', 'overview/dashboard').dashboard_body as string;
    expect(body).toBe(resolved(stack, Fn.jsonencode(dashboard.body)));
    expect(body.startsWith('${jsonencode({')).toBe(true);
    expect(body).toContain('"TopicName", aws_sns_topic.alarms_topic_');
  });
});

describe('rowWidths', () => {
  it.each([
    [[undefined], [24]],
    [
      [undefined, undefined, undefined, undefined, undefined],
      [5, 5, 5, 5, 4],
    ],
    [
      [6, undefined, undefined],
      [6, 9, 9],
    ],
    [
      [6, 18],
      [6, 18],
    ],
    [
      [4, 4],
      [4, 4],
    ],
  ])('shares the row %j as %j', (widths, expected) => {
    expect(rowWidths(widths.map((width) => ({ type: 'text', markdown: 'x', width })))).toEqual(expected);
  });
});

/** Builds each bad case in one stack and checks the error names the construct, the field and the value. */
function validationCases<P>(
  construct: string,
  build: (stack: TerraformStack, id: string, props: P) => void,
  valid: P,
  cases: Array<[string, Partial<P>, ExpectedIssue]>,
): void {
  const bad = rejectsEachCase({
    subject: new RegExp(`^Invalid ${construct} "invalid/bad-\\d+" props:\\n {2}- `),
    cases,
    build: (stack, id, props) => build(stack, id, { ...valid, ...props }),
  });

  it('adds no resource to the stack when construction throws', () => {
    expect(Template.fromStack(bad.stack()).json.resource).toBeUndefined();
  });
}

describe('AlarmTopic props validation', () => {
  validationCases<AlarmTopicProps>(
    'AlarmTopic',
    (stack, id, props) => new AlarmTopic(stack, id, props),
    { name: 'alarms', accountId: ACCOUNT },
    [
      ['an empty name', { name: '' }, { path: 'name', value: '', message: /^must be 1 to 256 of A-Z a-z 0-9 _ -/ }],
      ['a name with a dot', { name: 'a.b' }, { path: 'name', value: 'a.b', message: /^must be 1 to 256/ }],
      [
        'a name too long for the key alias',
        { name: 'n'.repeat(250) },
        { path: 'name', value: 'n'.repeat(250), message: /^must be at most 243 characters so that alias/ },
      ],
      [
        'a short account id',
        { accountId: '12345' },
        { path: 'accountId', value: '12345', message: /^must be a 12-digit AWS account id$/ },
      ],
      [
        'an unknown partition',
        { partition: 'aws-eu' },
        { path: 'partition', value: 'aws-eu', message: /^must be "aws", "aws-cn" or "aws-us-gov"$/ },
      ],
      [
        'a malformed e-mail address',
        { emailAddresses: ['ops@example.com', 'ops at example.com'] },
        { path: 'emailAddresses[1]', value: 'ops at example.com', message: /^must be an e-mail address like/ },
      ],
      [
        'an address without a domain dot',
        { emailAddresses: ['ops@localhost'] },
        { path: 'emailAddresses[0]', value: 'ops@localhost', message: /^must be an e-mail address/ },
      ],
      [
        'a repeated address',
        { emailAddresses: ['ops@example.com', 'OPS@example.com'] },
        { path: 'emailAddresses[1]', value: 'OPS@example.com', message: /^repeats emailAddresses\[0\]/ },
      ],
      [
        'two addresses with the same subscription id',
        { emailAddresses: ['a.b@example.com', 'a-b@example.com'] },
        {
          path: 'emailAddresses[1]',
          value: 'a-b@example.com',
          message: /^has the same subscription id as emailAddresses\[0\]/,
        },
      ],
      [
        'a key deletion window above 30 days',
        { keyDeletionWindowInDays: 31 },
        { path: 'keyDeletionWindowInDays', value: 31, message: /^must be an integer from 7 to 30$/ },
      ],
      [
        'a key deletion window with a caller key',
        { kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`, keyDeletionWindowInDays: 7 },
        { path: 'keyDeletionWindowInDays', value: 7, message: /^applies only to the key the module creates/ },
      ],
      [
        'a key id instead of an ARN',
        { kmsKeyArn: '1234abcd' },
        { path: 'kmsKeyArn', value: '1234abcd', message: /^must be a KMS key ARN/ },
      ],
      [
        'a display name over 100 characters',
        { displayName: 'd'.repeat(101) },
        { path: 'displayName', value: 'd'.repeat(101), message: /^must be at most 100 characters$/ },
      ],
    ],
  );
});

const VALID_ALARM: MetricAlarmProps = {
  alarmName: 'cpu-high',
  description: 'CPU high',
  namespace: 'AWS/ECS',
  metricName: 'CPUUtilization',
  comparison: '>',
  threshold: 80,
  evaluationPeriods: 2,
};

describe('MetricAlarm props validation', () => {
  validationCases<MetricAlarmProps>(
    'MetricAlarm',
    (stack, id, props) => new MetricAlarm(stack, id, props),
    VALID_ALARM,
    [
      [
        'an empty alarm name',
        { alarmName: '' },
        { path: 'alarmName', value: '', message: /^must be a non-empty string$/ },
      ],
      [
        'an alarm name over 255 characters',
        { alarmName: 'a'.repeat(256) },
        { path: 'alarmName', value: 'a'.repeat(256), message: /^must be at most 255 characters \(has 256\)$/ },
      ],
      [
        'a control character in the alarm name',
        { alarmName: 'cpu\nhigh' },
        { path: 'alarmName', value: 'cpu\nhigh', message: /^must not contain control characters$/ },
      ],
      [
        'a blank description',
        { description: ' ' },
        { path: 'description', value: ' ', message: /^must be a non-empty/ },
      ],
      ['an empty namespace', { namespace: '' }, { path: 'namespace', value: '', message: /^must be a non-empty/ }],
      ['an empty metric name', { metricName: '' }, { path: 'metricName', value: '', message: /^must be a non-empty/ }],
      [
        'an empty dimension value',
        { dimensions: { ServiceName: '' } },
        { path: 'dimensions.ServiceName', value: '', message: /^must be a non-empty string$/ },
      ],
      [
        'a percentile as statistic',
        { statistic: 'p99' as never },
        { path: 'statistic', value: 'p99', message: /^must be one of SampleCount, Average, Sum, Minimum, Maximum/ },
      ],
      [
        'a malformed extended statistic',
        { extendedStatistic: 'p999' },
        { path: 'extendedStatistic', value: 'p999', message: /^must be p0\.\.p100/ },
      ],
      [
        'both statistic and extendedStatistic',
        { statistic: 'Average', extendedStatistic: 'p99' },
        { path: 'extendedStatistic', value: 'p99', message: /^cannot be combined with statistic "Average"/ },
      ],
      [
        'an unknown comparison',
        { comparison: '=>' as never },
        { path: 'comparison', value: '=>', message: /^must be ">", ">=", "<" or "<="$/ },
      ],
      ['a NaN threshold', { threshold: NaN }, { path: 'threshold', value: NaN, message: /^must be a finite number$/ }],
      [
        'a percent threshold of 150',
        { percentMetric: true, threshold: 150 },
        {
          path: 'threshold',
          value: 150,
          message: /^is a percentage \(percentMetric: true\) and must be above 0 and at most 100$/,
        },
      ],
      [
        'a percent threshold of 0',
        { percentMetric: true, threshold: 0 },
        { path: 'threshold', value: 0, message: /^is a percentage/ },
      ],
      [
        'a 90-second period',
        { periodSeconds: 90 },
        { path: 'periodSeconds', value: 90, message: /^must be 10, 20, 30 or a multiple of 60$/ },
      ],
      [
        'zero evaluation periods',
        { evaluationPeriods: 0 },
        { path: 'evaluationPeriods', value: 0, message: /^must be an integer from 1 to/ },
      ],
      [
        'an evaluation range over a day for minute periods',
        { periodSeconds: 60, evaluationPeriods: 1441 },
        {
          path: 'evaluationPeriods',
          value: 1441,
          message: /periodSeconds 60 is 86460 s; CloudWatch evaluates at most 86400 s/,
        },
      ],
      [
        'an evaluation range over seven days for hourly periods',
        { periodSeconds: 3600, evaluationPeriods: 169 },
        { path: 'evaluationPeriods', value: 169, message: /at most 604800 s/ },
      ],
      [
        'more datapoints than evaluation periods',
        { evaluationPeriods: 2, datapointsToAlarm: 3 },
        { path: 'datapointsToAlarm', value: 3, message: /^must be an integer from 1 to 2 \(evaluationPeriods\)$/ },
      ],
      [
        'an unknown treatMissingData',
        { treatMissingData: 'zero' as never },
        {
          path: 'treatMissingData',
          value: 'zero',
          message: /^must be one of missing, ignore, breaching, notBreaching$/,
        },
      ],
      [
        'an unknown unit',
        { unit: 'Percentage' as never },
        { path: 'unit', value: 'Percentage', message: /^must be a CloudWatch unit/ },
      ],
      [
        'an action that is not an ARN',
        { alarmActions: ['my-topic'] },
        { path: 'alarmActions[0]', value: 'my-topic', message: /^must be an ARN/ },
      ],
      [
        'an OK action that is not an ARN',
        { okActions: ['my-topic'] },
        { path: 'okActions[0]', value: 'my-topic', message: /^must be an ARN/ },
      ],
    ],
  );

  it('reports every bad field in one error', () => {
    const stack = testStack('twice');
    const error = thrownBy(
      () => new MetricAlarm(stack, 'bad', { ...VALID_ALARM, alarmName: '', periodSeconds: 45, datapointsToAlarm: 0 }),
    );
    expect(issuePathsAndValues(error)).toEqual([
      ['alarmName', ''],
      ['periodSeconds', 45],
      ['datapointsToAlarm', 0],
    ]);
  });
});

const CPU_WIDGET = { title: 'CPU', metrics: [{ namespace: 'AWS/ECS', metricName: 'CPUUtilization' }] };

describe('Dashboard props validation', () => {
  validationCases<DashboardProps>(
    'Dashboard',
    (stack, id, props) => new Dashboard(stack, id, props),
    { dashboardName: 'shop', region: 'us-east-1', rows: [[CPU_WIDGET]] },
    [
      [
        'an empty dashboard name',
        { dashboardName: '' },
        { path: 'dashboardName', value: '', message: /^must be 1 to 255 of A-Z a-z 0-9 _ -$/ },
      ],
      [
        'a dashboard name with a space',
        { dashboardName: 'shop prod' },
        { path: 'dashboardName', value: 'shop prod', message: /^must be 1 to 255/ },
      ],
      [
        'a dashboard name over 255 characters',
        { dashboardName: 'd'.repeat(256) },
        { path: 'dashboardName', value: 'd'.repeat(256), message: /^must be 1 to 255/ },
      ],
      [
        'a bad region',
        { region: 'useast1' },
        { path: 'region', value: 'useast1', message: /^must be an AWS region name/ },
      ],
      ['no widgets', { rows: [[]] }, { path: 'rows', value: [[]], message: /^must hold at least one widget$/ }],
      [
        'a widget without metrics',
        { rows: [[{ title: 'empty', metrics: [] }]] },
        { path: 'rows[0][0].metrics', value: [], message: /^must hold at least one metric$/ },
      ],
      [
        'a widget without a title',
        { rows: [[{ ...CPU_WIDGET, title: '' }]] },
        { path: 'rows[0][0].title', value: '', message: /^must be a non-empty string$/ },
      ],
      [
        'a metric without a name',
        { rows: [[CPU_WIDGET], [{ title: 'x', metrics: [{ namespace: 'AWS/ECS', metricName: '' }] }]] },
        { path: 'rows[1][0].metrics[0].metricName', value: '', message: /^must be a non-empty string$/ },
      ],
      [
        'a widget 25 columns wide',
        { rows: [[{ ...CPU_WIDGET, width: 25 }]] },
        { path: 'rows[0][0].width', value: 25, message: /^must be an integer from 1 to 24$/ },
      ],
      [
        'a widget 0 columns wide',
        { rows: [[{ ...CPU_WIDGET, width: 0 }, CPU_WIDGET]] },
        { path: 'rows[0][0].width', value: 0, message: /^must be an integer from 1 to 24$/ },
      ],
      [
        'a row wider than the grid',
        { rows: [[{ ...CPU_WIDGET, width: 12 }, { ...CPU_WIDGET, width: 12 }, CPU_WIDGET]] },
        {
          path: 'rows[0]',
          value: [12, 12, 'auto'],
          message: /^needs 24 given \+ 1 shared column\(s\) but a row has 24/,
        },
      ],
      [
        'a zero height',
        { rows: [[{ ...CPU_WIDGET, height: 0 }]] },
        { path: 'rows[0][0].height', value: 0, message: /^must be an integer from 1 to 1000$/ },
      ],
      [
        'a 90-second widget period',
        { rows: [[{ ...CPU_WIDGET, period: 90 }]] },
        { path: 'rows[0][0].period', value: 90, message: /^must be 1, 5, 10, 30 or a multiple of 60$/ },
      ],
      [
        'an unknown widget stat',
        { rows: [[{ ...CPU_WIDGET, stat: 'Mean' }]] },
        {
          path: 'rows[0][0].stat',
          value: 'Mean',
          message: /^must be SampleCount, Average, Sum, Minimum, Maximum or p0/,
        },
      ],
      [
        'an unknown metric stat',
        { rows: [[{ title: 'x', metrics: [{ namespace: 'N', metricName: 'M', stat: 'avg' }] }]] },
        { path: 'rows[0][0].metrics[0].stat', value: 'avg', message: /^must be SampleCount/ },
      ],
      [
        'an unknown view',
        { rows: [[{ ...CPU_WIDGET, view: 'line' as never }]] },
        { path: 'rows[0][0].view', value: 'line', message: /^must be one of timeSeries, singleValue, bar, pie$/ },
      ],
      [
        'a y axis with min above max',
        { rows: [[{ ...CPU_WIDGET, yAxis: { left: { min: 100, max: 0 } } }]] },
        { path: 'rows[0][0].yAxis.left', value: { min: 100, max: 0 }, message: /^min must be below max$/ },
      ],
      [
        'a bad annotation colour',
        { rows: [[{ ...CPU_WIDGET, horizontalAnnotations: [{ value: 1, color: 'red' }] }]] },
        { path: 'rows[0][0].horizontalAnnotations[0].color', value: 'red', message: /^must be a colour like/ },
      ],
      [
        'an empty text widget',
        { rows: [[{ type: 'text', markdown: '' }]] },
        { path: 'rows[0][0].markdown', value: '', message: /^must be a non-empty string$/ },
      ],
    ],
  );
});

describe('Dashboard console URL', () => {
  it("opens the dashboard in its region's CloudWatch console", () => {
    const stack = testStack();
    const dashboard = new Dashboard(stack, 'overview', {
      dashboardName: 'shop-prod',
      region: 'eu-west-1',
      rows: [[{ type: 'text', markdown: '# Shop' }]],
    });
    const name = Template.fromStack(stack).ref('aws_cloudwatch_dashboard', 'overview/dashboard', 'dashboard_name');
    expect(resolved(stack, dashboard.consoleUrl)).toBe(
      `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/${name}`,
    );
    expect(dashboardConsoleUrl('us-east-1', 'web')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/web',
    );
  });
});

describe('MetricMathAlarm', () => {
  const valid: MetricMathAlarmProps = {
    alarmName: 'api-error-rate',
    description: 'API errors above 1% of invocations',
    expression: '100 * FILL(errors, 0) / invocations',
    metrics: {
      errors: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'api' }, statistic: 'Sum' },
      invocations: { namespace: 'AWS/Lambda', metricName: 'Invocations', statistic: 'Sum', unit: 'Count' },
    },
    comparison: '>=',
    threshold: 1,
    evaluationPeriods: 3,
  };

  it('queries each metric over the period, returns only the expression, and defaults like MetricAlarm', () => {
    const stack = testStack();
    new MetricMathAlarm(stack, 'rate', valid);
    const alarm = Template.fromStack(stack).resource('aws_cloudwatch_metric_alarm', 'rate/alarm');
    expect(alarm).toStrictEqual({
      alarm_name: 'api-error-rate',
      alarm_description: 'API errors above 1% of invocations',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      treat_missing_data: 'missing',
      actions_enabled: true,
      alarm_actions: [],
      ok_actions: [],
      insufficient_data_actions: [],
      metric_query: [
        {
          id: 'errors',
          return_data: false,
          metric: {
            namespace: 'AWS/Lambda',
            metric_name: 'Errors',
            dimensions: { FunctionName: 'api' },
            stat: 'Sum',
            period: 60,
          },
        },
        {
          id: 'invocations',
          return_data: false,
          metric: { namespace: 'AWS/Lambda', metric_name: 'Invocations', stat: 'Sum', period: 60, unit: 'Count' },
        },
        {
          id: 'e1',
          expression: '100 * FILL(errors, 0) / invocations',
          label: 'API errors above 1% of invocations',
          return_data: true,
        },
      ],
    });
  });

  describe('props validation', () => {
    validationCases<MetricMathAlarmProps>(
      'MetricMathAlarm',
      (stack, id, props) => new MetricMathAlarm(stack, id, props),
      valid,
      [
        [
          'a metric the expression does not use',
          { expression: '100 * errors / 5' },
          { path: 'metrics.invocations', value: 'invocations', message: /^is not used by the expression/ },
        ],
        [
          'an upper-case metric id',
          { expression: 'Errors', metrics: { Errors: valid.metrics.errors! } },
          { path: 'metrics.Errors', value: 'Errors', message: /lowercase letter followed by/ },
        ],
        [
          'a metric named like the expression',
          { expression: 'e1 + 1', metrics: { e1: valid.metrics.errors! } },
          { path: 'metrics.e1', value: 'e1', message: /the expression's own id/ },
        ],
        ['no metrics', { metrics: {} }, { path: 'metrics', value: {}, message: /1 to 10 metrics/ }],
        ['an empty expression', { expression: '' }, { path: 'expression', value: '', message: /non-empty/ }],
        [
          'a percentile statistic CloudWatch does not know',
          { metrics: { ...valid.metrics, errors: { ...valid.metrics.errors!, statistic: 'Median' } } },
          { path: 'metrics.errors.statistic', value: 'Median', message: /must be SampleCount, Average/ },
        ],
        [
          'a percent threshold of 100',
          { percentExpression: true, threshold: 100 },
          { path: 'threshold', value: 100, message: /0 or more and below 100/ },
        ],
        [
          'a 45-second period',
          { periodSeconds: 45 },
          { path: 'periodSeconds', value: 45, message: /10, 20, 30 or a multiple of 60/ },
        ],
      ],
    );
  });
});

describe('LogMetricFilter', () => {
  const valid: LogMetricFilterProps = {
    filterName: 'backend-errors',
    logGroupName: '/aws/ec2/dev/backend',
    pattern: '?ERROR ?FATAL',
    metricNamespace: 'shop-dev/backend',
    metricName: 'ErrorLogLines',
  };

  it('counts matching events (1 each, 0 for a quiet period) and gives its metric as a summed dashboard line', () => {
    const stack = testStack();
    const filter = new LogMetricFilter(stack, 'errors', valid);
    expect(Template.fromStack(stack).resource('aws_cloudwatch_log_metric_filter', 'errors/filter')).toStrictEqual({
      name: 'backend-errors',
      log_group_name: '/aws/ec2/dev/backend',
      pattern: '?ERROR ?FATAL',
      metric_transformation: {
        namespace: 'shop-dev/backend',
        name: 'ErrorLogLines',
        value: '1',
        default_value: '0',
        unit: 'Count',
      },
    });
    expect(filter.metric).toEqual({ namespace: 'shop-dev/backend', metricName: 'ErrorLogLines', stat: 'Sum' });
  });

  it('takes a JSON field as the value, another default and unit', () => {
    const stack = testStack();
    new LogMetricFilter(stack, 'latency', {
      ...valid,
      pattern: '{ $.latencyMs = * }',
      metricValue: '$.latencyMs',
      defaultValue: 1,
      unit: 'Milliseconds',
    });
    expect(
      Template.fromStack(stack).resource('aws_cloudwatch_log_metric_filter', 'latency/filter').metric_transformation,
    ).toMatchObject({ value: '$.latencyMs', default_value: '1', unit: 'Milliseconds' });
  });

  describe('props validation', () => {
    validationCases<LogMetricFilterProps>(
      'LogMetricFilter',
      (stack, id, props) => new LogMetricFilter(stack, id, props),
      valid,
      [
        ['an empty pattern', { pattern: '' }, { path: 'pattern', value: '', message: /non-empty/ }],
        [
          'an unclosed quote',
          { pattern: '?"Out of memory' },
          { path: 'pattern', value: '?"Out of memory', message: /unclosed double quote/ },
        ],
        [
          'an AWS namespace',
          { metricNamespace: 'AWS/EC2' },
          { path: 'metricNamespace', value: 'AWS/EC2', message: /not starting with AWS\// },
        ],
        [
          'a filter name with a colon',
          { filterName: 'errors:all' },
          { path: 'filterName', value: 'errors:all', message: /must not contain : or \*/ },
        ],
        ['an unknown unit', { unit: 'Lines' as 'Count' }, { path: 'unit', value: 'Lines', message: /CloudWatch unit/ }],
      ],
    );
  });
});
