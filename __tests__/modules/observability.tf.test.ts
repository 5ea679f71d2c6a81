/**
 * The observability module passes real `terraform validate` and an offline plan: an alarm topic with its own key and
 * an e-mail subscription, two alarms notifying it, and a dashboard whose body holds a token dimension; and a topic on
 * a caller's key with EventBridge publishing and a percentile alarm; and a load balancer's 5xx error-rate alarm
 * (metric math) with a metric counted from a log group's error lines.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  AlarmTopic,
  Dashboard,
  loadBalancerErrorRateAlarm,
  LogMetricFilter,
  MetricAlarm,
  MetricMathAlarm,
} from '../../modules/observability';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';

it('validates and plans a topic with its key, two alarms and a dashboard', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const alarms = new AlarmTopic(stack, 'alarms', {
        name: 'shop-dev-alarms',
        accountId: ACCOUNT,
        emailAddresses: ['ops@example.com'],
      });
      for (const metricName of ['CPUUtilization', 'MemoryUtilization']) {
        new MetricAlarm(stack, `api-${metricName}`, {
          alarmName: `shop-dev-api-${metricName}-high`,
          description: `${metricName} above 80% for 2 periods`,
          namespace: 'AWS/ECS',
          metricName,
          dimensions: { ClusterName: 'shop-dev', ServiceName: 'api' },
          comparison: '>',
          threshold: 80,
          percentMetric: true,
          evaluationPeriods: 2,
          alarmActions: [alarms.topicArn],
          okActions: [alarms.topicArn],
        });
      }
      new Dashboard(stack, 'overview', {
        dashboardName: 'shop-dev',
        region: 'us-east-1',
        rows: [
          [{ type: 'text', markdown: '# shop-dev' }],
          [
            {
              title: 'ECS CPU',
              metrics: [{ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ServiceName: 'api' } }],
            },
            {
              title: 'Failed notifications',
              stat: 'Sum',
              metrics: [
                {
                  namespace: 'AWS/SNS',
                  metricName: 'NumberOfNotificationsFailed',
                  dimensions: { TopicName: alarms.topicName },
                },
              ],
            },
          ],
        ],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // key + alias + topic + topic policy + subscription, 2 alarms, 1 dashboard
  expect(result.toAdd).toBe(8);
  // Terraform evaluated the jsonencode body, the topic-name reference included.
  expect(result.plan).toMatch(/dashboard_body = jsonencode\(/);
  expect(result.plan).toMatch(/\+ "TopicName",\s+\+ "shop-dev-alarms",/);
});

it('validates and plans a topic on a caller key with EventBridge publishing and a percentile alarm', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const alarms = new AlarmTopic(stack, 'alarms', {
        name: 'byok-alarms',
        accountId: ACCOUNT,
        kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        allowEventBridgePublish: true,
      });
      new MetricAlarm(stack, 'latency', {
        alarmName: 'alb-p99-latency',
        description: 'p99 target response time above 1 s',
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: 'app/shop/0123456789abcdef' },
        extendedStatistic: 'p99',
        comparison: '>',
        threshold: 1,
        periodSeconds: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: 'notBreaching',
        alarmActions: [alarms.topicArn],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // topic + topic policy + alarm
  expect(result.toAdd).toBe(3);
});

it('validates and plans an error-rate alarm (metric math) and a metric filter counting error lines', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:shop-dev-alarms`;
      new MetricMathAlarm(
        stack,
        'error-rate',
        loadBalancerErrorRateAlarm({
          namePrefix: 'shop-dev',
          loadBalancerArnSuffix: 'app/shop-dev/0123456789abcdef',
          errorRatePercent: 0.1,
          periodSeconds: 300,
          evaluationPeriods: 2,
          alarmActions: [topicArn],
          okActions: [topicArn],
        }),
      );
      const logGroup = new CloudwatchLogGroup(stack, 'backend-logs', {
        name: '/aws/ec2/dev/backend',
        retentionInDays: 30,
      });
      new LogMetricFilter(stack, 'error-lines', {
        filterName: 'backend-error-lines',
        logGroupName: logGroup.name,
        pattern: '?ERROR ?FATAL ?Exception',
        metricNamespace: 'shop-dev/backend',
        metricName: 'ErrorLogLines',
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // alarm + log group + metric filter
  expect(result.toAdd).toBe(3);
  expect(result.plan).toContain('expression  = "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests"');
});
