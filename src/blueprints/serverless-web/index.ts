/**
 * Catalogue entry of `serverless-web` (seed 004): `serverless-web-<env>` (regions.primary) and
 * `serverless-web-<env>-dr` (regions.dr) for every environment with the section.
 */
import { checkAuroraClusterIdentifier } from '../../../modules/aurora-serverless';
import { checkBackupVaultName } from '../../../modules/backup';
import { checkCodeBuildProjectName } from '../../../modules/codebuild';
import { checkConnectionName, checkPipelineName } from '../../../modules/codepipeline';
import { checkRepositoryName } from '../../../modules/container-registry';
import { checkS3BucketName } from '../../../modules/core/checks';
import { checkRoleName } from '../../../modules/core/service-role';
import type { ValidationIssue } from '../../../modules/core/validation';
import { checkHttpApiName } from '../../../modules/http-api';
import { checkLambdaEnvironment, checkLambdaFunctionName, checkLambdaSubnets } from '../../../modules/lambda-function';
import { checkPostgresSubnets } from '../../../modules/postgres';
import { checkServerlessCacheName, checkServerlessCacheSubnets } from '../../../modules/serverless-cache';
import { checkStaticSiteName, defaultStaticSiteBucketName } from '../../../modules/static-site';
import { checkWebAclName } from '../../../modules/waf';
import type { BaseEnvironmentConfig } from '../../config/environment';
import { derivedIssues } from '../../config/fields';
import { networkIssues, sectionIssues, subnetsOf } from '../../config/network-schema';
import { defineBlueprint } from '../blueprint';
import { serverlessWebDefaults, serverlessWebProfiles, serverlessWebSchema, type ServerlessWebConfig } from './schema';
import { createServerlessWebStacks, serverlessWebNames, STACK_SETTINGS } from './stack';

/** Stand-in for the database secret's ARN where the function's environment is measured: as long as a real one. */
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:123456789012:secret:${'x'.repeat(64)}-AbCdEf`;

/**
 * The module rules the section meets only together with the environment: the names made from `<appName>-<env>`
 * (function, repository, API, cluster, cache, web ACL, buckets, roles, projects, pipelines, connection, vaults), the
 * subnets the function, the database and the cache get, the settings the stack writes itself, and the size of the
 * function's environment.
 */
export function serverlessWebModuleIssues(
  config: ServerlessWebConfig,
  environment: BaseEnvironmentConfig,
): ValidationIssue[] {
  const names = serverlessWebNames(config, environment);
  const named = (what: string, name: string, issues: ValidationIssue[]) =>
    derivedIssues('appName', `makes the ${what} "${name}"`, issues);
  const issues = [
    ...named('Lambda function name', names.functionName, checkLambdaFunctionName('', names.functionName)),
    ...named('ECR repository name', names.repositoryName, checkRepositoryName('', names.repositoryName)),
    ...named('HTTP API name', names.httpApiName, checkHttpApiName('', names.httpApiName)),
    ...named(
      'Aurora cluster identifier',
      names.clusterIdentifier,
      checkAuroraClusterIdentifier('', names.clusterIdentifier),
    ),
    ...named('cache name', names.cacheName, checkServerlessCacheName('', names.cacheName)),
    ...named('web ACL name', names.webAclName, checkWebAclName('', names.webAclName)),
    ...named('static site name', names.prefix, checkStaticSiteName('', names.prefix)),
    ...named('connection name', names.connectionName, checkConnectionName('', names.connectionName)),
    ...named('backup vault name', names.drVaultName, checkBackupVaultName('', names.drVaultName)),
  ];
  const siteBucket = defaultStaticSiteBucketName(names.prefix, environment.accountId);
  issues.push(...named('frontend bucket name', siteBucket, checkS3BucketName('', siteBucket)));
  issues.push(
    ...named('artifact bucket name', names.artifactBucketName, checkS3BucketName('', names.artifactBucketName)),
  );
  for (const project of Object.values(names.projects)) {
    issues.push(...named('CodeBuild project name', project, checkCodeBuildProjectName('', project)));
    issues.push(...named('role name', `${project}-codebuild`, checkRoleName('', `${project}-codebuild`)));
  }
  for (const pipeline of Object.values(names.pipelines)) {
    issues.push(...named('pipeline name', pipeline, checkPipelineName('', pipeline)));
    issues.push(...named('role name', `${pipeline}-pipeline`, checkRoleName('', `${pipeline}-pipeline`)));
  }
  issues.push(...named('role name', names.apiGatewayLogsRoleName, checkRoleName('', names.apiGatewayLogsRoleName)));

  const subnets = subnetsOf(config.network);
  issues.push(
    ...checkLambdaSubnets(subnets.private.path, subnets.private.subnetIds),
    ...checkPostgresSubnets(subnets.private.path, subnets.private.subnetIds),
    ...checkServerlessCacheSubnets(subnets.private.path, subnets.private.subnetIds),
  );

  for (const name of Object.keys(config.lambda.settings)) {
    if ((STACK_SETTINGS as readonly string[]).includes(name)) {
      const message = 'is written by the stack itself (an endpoint or origin); choose another name';
      issues.push({ path: `lambda.settings.${name}`, value: name, message });
    }
  }
  const parameterNames = [...Object.keys(config.lambda.settings), ...STACK_SETTINGS].map(
    (name) => `${names.parameterPath}${name}`,
  );
  const environmentIssues = checkLambdaEnvironment('', {
    SETTINGS_PARAMETER_NAMES: parameterNames.join(','),
    DATABASE_SECRET_ARN: SECRET_ARN,
  });
  issues.push(
    ...derivedIssues('lambda.settings', "names the function's parameters in its environment", environmentIssues),
  );
  return issues;
}

export const serverlessWeb = defineBlueprint({
  name: 'serverless-web',
  configKey: 'serverlessWeb',
  description:
    'Seed 004: CloudFront + WAF, HTTP API + Lambda container, Aurora Serverless v2, ElastiCache Serverless, pipelines, Backup DR.',
  schema: serverlessWebSchema,
  defaults: serverlessWebDefaults,
  profiles: serverlessWebProfiles,
  regions: (config) => [config.regions.primary, config.regions.dr],
  check: (config, environment) => {
    const zones = environment.availabilityZones[config.regions.primary];
    return [
      ...(zones ? networkIssues(config.network, zones) : []),
      ...sectionIssues(serverlessWebModuleIssues(config, environment)),
    ];
  },
  accountSingletons: (config) =>
    config.api.cloudWatchRole === 'create'
      ? [
          {
            resource: `the API Gateway CloudWatch role setting of ${config.regions.primary}`,
            path: ['api', 'cloudWatchRole'],
          },
        ]
      : [],
  create: (scope, context) => createServerlessWebStacks(scope, context),
});
