/**
 * An API Gateway HTTP API in front of one Lambda function (proxy integration, payload format 2.0): its routes, one
 * stage with auto-deploy, JSON access logs to a log group this module creates with a retention, default-route
 * throttling, CORS with explicit origins, and the permission that lets exactly this API invoke the function.
 *
 * | part                          | what it is                                                                      |
 * | ----------------------------- | ------------------------------------------------------------------------------- |
 * | `aws_apigatewayv2_api`        | protocol HTTP, CORS (origins explicit; `*` never with credentials)              |
 * | `aws_apigatewayv2_integration`| AWS_PROXY to the function, payload 2.0, timeout 30 s by default                 |
 * | `aws_apigatewayv2_route`      | one per route key (`ANY /api/{proxy+}`, `GET /api/health`)                      |
 * | `aws_apigatewayv2_stage`      | auto-deploy, access logs in JSON ({@link ACCESS_LOG_FORMAT}), throttling        |
 * | `aws_cloudwatch_log_group`    | the access log group, 30 days by default                                        |
 * | `aws_lambda_permission`       | `lambda:InvokeFunction` for apigateway.amazonaws.com from this API's stage only |
 *
 * HTTP APIs write access logs through API Gateway's service-linked role: they need no account-level CloudWatch role.
 * {@link ApiGatewayAccountLogging} sets that account-level role (per account and region) for REST and WebSocket APIs,
 * for a blueprint whose document asks for it.
 *
 * AWS WAF cannot be attached to an HTTP API. Put the API behind CloudFront with a web ACL (the `static-site` module's
 * `apiOrigin` and the `waf` module), and know that the `execute-api` endpoint stays reachable around it unless
 * `disableExecuteApiEndpoint` (which also takes it away from CloudFront: only a custom domain is left).
 */
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, checkKmsKeyArn, checkText, isLiteral } from '../core/checks';
import { ServiceRole } from '../core/service-role';
import { assertNoIssues, checkLogRetention, joinPath, type ValidationIssue } from '../core/validation';

/** Methods a route key and CORS may name. */
export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The access log line: one JSON object per request (API Gateway `$context` variables). */
export const ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  userAgent: '$context.identity.userAgent',
};

/** AWS's managed policy for the account-level API Gateway logging role. */
export const API_GATEWAY_PUSH_TO_CLOUDWATCH_POLICY =
  'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs';

export interface HttpApiCorsProps {
  /**
   * Origins allowed to call the API from a browser: `https://host[:port]` each, or `*` (any origin, never together
   * with allowCredentials). Required, at least one.
   */
  readonly allowOrigins: readonly string[];
  /** Methods allowed. Default: `GET, POST, PUT, PATCH, DELETE, OPTIONS`. */
  readonly allowMethods?: readonly string[];
  /** Request headers allowed. Default: `content-type, authorization, x-requested-with`. */
  readonly allowHeaders?: readonly string[];
  /** Response headers a browser script may read. Default: none. */
  readonly exposeHeaders?: readonly string[];
  /** Let browsers send cookies and authorization headers; refused with the `*` origin. Default: false. */
  readonly allowCredentials?: boolean;
  /** Seconds a browser caches the preflight answer, 0 to 86400. Default: 300. */
  readonly maxAgeSeconds?: number;
}

export interface HttpApiThrottlingProps {
  /** Requests per second the default route settles at, above 0. Required. */
  readonly rateLimit: number;
  /** Requests a burst may reach, 0 or more. Required. */
  readonly burstLimit: number;
}

export interface HttpApiProps {
  /** The API's name; the access log group is `/aws/apigateway/<name>` unless `accessLogGroupName`. Required. */
  readonly name: string;
  /** What the API is. Default: none. */
  readonly description?: string;
  /** The Lambda function behind every route: its ARN and name. Required. */
  readonly lambdaFunction: { readonly functionArn: string; readonly functionName: string };
  /**
   * Route keys, `METHOD /path` (`ANY` for every method; `{name}` and a final `{proxy+}` as path variables), each
   * once. Required, at least one.
   */
  readonly routes: readonly string[];
  /** The stage: a name of letters, digits, `-` and `_`, or `$default` (served at the root). Default: `$default`. */
  readonly stageName?: string;
  /** Integration timeout, 50 to 30000 milliseconds. Default: 30000. */
  readonly integrationTimeoutMilliseconds?: number;
  /** Cross-origin requests from browsers. Default: none (no CORS headers: same-origin callers only). */
  readonly cors?: HttpApiCorsProps;
  /** Throttling of the stage's default route. Default: none (the account's limits). */
  readonly throttling?: HttpApiThrottlingProps;
  /** Per-route CloudWatch metrics (charged). Default: false. */
  readonly detailedMetrics?: boolean;
  /** The access log group's name. Default: `/aws/apigateway/<name>`. */
  readonly accessLogGroupName?: string;
  /** Retention of the access log group, a CloudWatch Logs retention. Default: 30 days. */
  readonly accessLogRetentionInDays?: number;
  /** KMS key ARN for the access log group; its policy must let CloudWatch Logs use it. Default: none. */
  readonly accessLogKmsKeyArn?: string;
  /** Turn the `execute-api` endpoint off (only a custom domain then reaches the API). Default: false. */
  readonly disableExecuteApiEndpoint?: boolean;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly apiId: string;
  /** `https://<apiId>.execute-api.<region>.amazonaws.com`. */
  readonly apiEndpoint: string;
  /** `<apiId>.execute-api.<region>.amazonaws.com`: the host a CloudFront origin names. */
  readonly endpointHostName: string;
  readonly executionArn: string;
  readonly integration: Apigatewayv2Integration;
  readonly routes: Readonly<Record<string, Apigatewayv2Route>>;
  readonly stage: Apigatewayv2Stage;
  readonly stageName: string;
  /** The path prefix of the stage in URLs: `/<stageName>`, or `''` for `$default`. */
  readonly stagePath: string;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly invokePermission: LambdaPermission;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    assertNoIssues(`HttpApi "${this.node.path}" props`, validateHttpApiProps(props));
    const tags = props.tags ? { ...props.tags } : undefined;
    const cors = props.cors;
    this.stageName = props.stageName ?? '$default';
    this.stagePath = this.stageName === '$default' ? '' : `/${this.stageName}`;

    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.name,
      description: props.description,
      protocolType: 'HTTP',
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? false,
      corsConfiguration: cors
        ? {
            allowOrigins: [...cors.allowOrigins],
            allowMethods: [...(cors.allowMethods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])],
            allowHeaders: [...(cors.allowHeaders ?? ['content-type', 'authorization', 'x-requested-with'])],
            exposeHeaders: cors.exposeHeaders ? [...cors.exposeHeaders] : undefined,
            allowCredentials: cors.allowCredentials ?? false,
            maxAge: cors.maxAgeSeconds ?? 300,
          }
        : undefined,
      tags,
    });
    this.apiId = this.api.id;
    this.apiEndpoint = this.api.apiEndpoint;
    this.endpointHostName = Fn.trimprefix(this.api.apiEndpoint, 'https://');
    this.executionArn = this.api.executionArn;

    this.integration = new Apigatewayv2Integration(this, 'lambda-integration', {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationMethod: 'POST',
      integrationUri: props.lambdaFunction.functionArn,
      payloadFormatVersion: '2.0',
      timeoutMilliseconds: props.integrationTimeoutMilliseconds ?? 30000,
    });

    const routes: Record<string, Apigatewayv2Route> = {};
    for (const routeKey of props.routes) {
      routes[routeKey] = new Apigatewayv2Route(this, `route-${routeConstructId(routeKey)}`, {
        apiId: this.api.id,
        routeKey,
        target: `integrations/${this.integration.id}`,
      });
    }
    this.routes = routes;

    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-log-group', {
      name: props.accessLogGroupName ?? `/aws/apigateway/${props.name}`,
      retentionInDays: props.accessLogRetentionInDays ?? 30,
      kmsKeyId: props.accessLogKmsKeyArn,
      tags,
    });
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: this.stageName,
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: this.accessLogGroup.arn,
        format: JSON.stringify(ACCESS_LOG_FORMAT),
      },
      defaultRouteSettings: {
        detailedMetricsEnabled: props.detailedMetrics ?? false,
        throttlingRateLimit: props.throttling?.rateLimit,
        throttlingBurstLimit: props.throttling?.burstLimit,
      },
      tags,
    });

    this.invokePermission = new LambdaPermission(this, 'invoke-permission', {
      statementId: 'AllowHttpApiInvoke',
      action: 'lambda:InvokeFunction',
      functionName: props.lambdaFunction.functionName,
      principal: 'apigateway.amazonaws.com',
      // Only this API's stage, any route: `<execution arn>/<stage>/<method>/<path>`.
      sourceArn: `${this.api.executionArn}/${this.stageName}/*`,
    });
  }
}

export interface ApiGatewayAccountLoggingProps {
  /** Name of the role API Gateway assumes to write REST/WebSocket execution logs in this account and region. Required. */
  readonly roleName: string;
  /** Tags beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The account-level CloudWatch role of API Gateway (one per account and region: `aws_api_gateway_account`), with AWS's
 * AmazonAPIGatewayPushToCloudWatchLogs policy. Create it in one stack per account and region only.
 */
export class ApiGatewayAccountLogging extends Construct {
  readonly role: ServiceRole;
  readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountLoggingProps) {
    super(scope, id);
    this.role = new ServiceRole(this, 'role', {
      roleName: props.roleName,
      description: 'API Gateway writes execution and access logs to CloudWatch Logs',
      // API Gateway assumes this account-level role without a source account.
      trust: { service: 'apigateway.amazonaws.com', skipSourceAccount: true },
      managedPolicyArns: [API_GATEWAY_PUSH_TO_CLOUDWATCH_POLICY],
      tags: props.tags,
    });
    this.account = new ApiGatewayAccount(this, 'account', {
      cloudwatchRoleArn: this.role.roleArn,
      dependsOn: [...this.role.managedPolicyAttachments],
    });
  }
}

/** `GET /api/health` → `get-api-health`; `ANY /api/{proxy+}` → `any-api-proxy`. */
export function routeConstructId(routeKey: string): string {
  return routeKey
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const ROUTE_KEY =
  /^(ANY|GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE) (\/|(\/(\{[A-Za-z0-9_]+\}|[A-Za-z0-9._~-]+))*(\/\{[A-Za-z0-9_]+\+\})?)$/;
const STAGE_NAME = /^([A-Za-z0-9_-]{1,128}|\$default)$/;
const ORIGIN = /^https?:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;

/** The API's name: 1 to 128 characters. */
export function checkHttpApiName(path: string, name: string): ValidationIssue[] {
  return checkText(path, name, 128);
}

/** A stage name: letters, digits, `-` and `_` (1-128), or `$default`. */
export function checkStageName(path: string, stageName: string): ValidationIssue[] {
  if (STAGE_NAME.test(stageName ?? '')) return [];
  return [{ path, value: stageName, message: 'must be a stage name of letters, digits, - and _ (1-128), or $default' }];
}

/** Route keys: `METHOD /path`, each once; `$default` is not offered (it would catch what no route names). */
export function checkRouteKeys(path: string, routes: readonly string[]): ValidationIssue[] {
  if (routes.length === 0) return [{ path, value: routes, message: 'must list at least one route key' }];
  const issues: ValidationIssue[] = [];
  routes.forEach((route, index) => {
    if (!ROUTE_KEY.test(route)) {
      const message =
        'must be a route key, METHOD /path (ANY or an HTTP method; {name} path variables, {name+} only last)';
      issues.push({ path: joinPath(path, index), value: route, message });
    } else if (routes.indexOf(route) !== index) {
      issues.push({ path: joinPath(path, index), value: route, message: 'is listed more than once' });
    }
  });
  return issues;
}

/** CORS: explicit origins (scheme and host), `*` never with credentials, known methods, a max age of 0 to 86400. */
export function checkCors(path: string, cors: HttpApiCorsProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const origins = cors.allowOrigins ?? [];
  const at = (field: string) => joinPath(path, field);
  if (origins.length === 0) issues.push({ path: at('allowOrigins'), value: origins, message: 'must list an origin' });
  origins.forEach((origin, index) => {
    if (origin === '*') {
      if (cors.allowCredentials) {
        const message =
          'is any origin, which browsers refuse with credentials (and would expose them to every site): list the origins';
        issues.push({ path: joinPath(path, 'allowOrigins', index), value: origin, message });
      }
    } else if (!ORIGIN.test(origin)) {
      const message = 'must be an origin, scheme://host[:port] (e.g. https://app.example.com), without a path';
      issues.push({ path: joinPath(path, 'allowOrigins', index), value: origin, message });
    }
  });
  (cors.allowMethods ?? []).forEach((method, index) => {
    if (method !== '*' && !(HTTP_METHODS as readonly string[]).includes(method)) {
      const message = `must be * or one of ${HTTP_METHODS.join(', ')}`;
      issues.push({ path: joinPath(path, 'allowMethods', index), value: method, message });
    }
  });
  if (cors.maxAgeSeconds !== undefined) {
    issues.push(...checkInteger(at('maxAgeSeconds'), cors.maxAgeSeconds, 0, 86400, 'a whole number of seconds'));
  }
  return issues;
}

/** Default-route throttling: a rate above 0 and a burst of 0 or more, whole numbers. */
export function checkThrottling(path: string, throttling: HttpApiThrottlingProps): ValidationIssue[] {
  return [
    ...checkInteger(joinPath(path, 'rateLimit'), throttling.rateLimit, 1, 10_000_000, 'requests per second'),
    ...checkInteger(joinPath(path, 'burstLimit'), throttling.burstLimit, 0, 10_000_000, 'requests'),
  ];
}

/** Every rule the constructor enforces, as a pure function. */
export function validateHttpApiProps(props: HttpApiProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [
    ...checkHttpApiName('name', props.name),
    ...checkText('lambdaFunction.functionArn', props.lambdaFunction?.functionArn, 256),
    ...checkText('lambdaFunction.functionName', props.lambdaFunction?.functionName, 140),
    ...checkRouteKeys('routes', props.routes ?? []),
    ...checkStageName('stageName', props.stageName ?? '$default'),
    ...checkInteger(
      'integrationTimeoutMilliseconds',
      props.integrationTimeoutMilliseconds ?? 30000,
      50,
      30000,
      'a whole number of milliseconds',
    ),
    ...checkLogRetention('accessLogRetentionInDays', props.accessLogRetentionInDays ?? 30),
    ...checkKmsKeyArn('accessLogKmsKeyArn', props.accessLogKmsKeyArn),
  ];
  if (props.cors) issues.push(...checkCors('cors', props.cors));
  if (props.throttling) issues.push(...checkThrottling('throttling', props.throttling));
  if (props.accessLogGroupName !== undefined && isLiteral(props.accessLogGroupName)) {
    issues.push(...checkText('accessLogGroupName', props.accessLogGroupName, 512));
  }
  return issues;
}
