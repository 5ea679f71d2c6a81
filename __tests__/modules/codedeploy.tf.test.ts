/**
 * The codedeploy module and the codepipeline deploy actions pass real `terraform validate` and an offline plan: a
 * pipeline CodeCommit (EventBridge trigger) → Build (CodeBuild) → Primary (ECS rolling deploy) → Approve →
 * Secondary (CodeDeploy blue/green in us-west-2, with that region's artifact store), and the blue/green deployment
 * group it deploys through, created with a us-west-2 provider. The ECS services and listeners are named by literal
 * names and ARNs: the deployment group and the actions take names, so the plan needs no ECS or load balancer here.
 */
import { CodecommitRepository } from '@cdktf/provider-aws/lib/codecommit-repository';
import { TerraformDataSource, TerraformResource } from 'cdktf';
import { CodeBuildProject } from '../../modules/codebuild';
import { createAwsProvider } from '../../modules/core/aws-provider';
import { ecsAppSpec, EcsBlueGreenDeployment } from '../../modules/codedeploy';
import { Pipeline, PipelineArtifactStore } from '../../modules/codepipeline';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

const ACCOUNT = '123456789012';
const TASK_ROLES = ['arn:aws:iam::123456789012:role/web-task', 'arn:aws:iam::123456789012:role/web-execution'];

it('validates and plans a CodeCommit → build → ECS → approval → cross-region blue/green pipeline and its group', async () => {
  expect(ecsAppSpec('api', 8080)).toContain('TaskDefinition: <TASK_DEFINITION>');
  const result = await checkWithTerraform(
    (stack) => {
      const west = createAwsProvider(stack, 'west', {
        region: 'us-west-2',
        alias: 'west',
        target: { kind: 'sandbox', s3Endpoint: 'http://127.0.0.1:1', dynamodbEndpoint: 'http://127.0.0.1:1' },
      });
      const deployment = new EcsBlueGreenDeployment(stack, 'blue-green', {
        applicationName: 'web-prod-secondary',
        deploymentGroupName: 'api',
        accountId: ACCOUNT,
        region: 'us-west-2',
        clusterName: 'web-prod',
        serviceName: 'api',
        productionListenerArn:
          'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2',
        testListenerArn:
          'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65',
        targetGroupNames: ['api-blue', 'api-green'],
        rollbackAlarmNames: ['api-5xx'],
        passRoleArns: TASK_ROLES,
      });
      // The group lives in us-west-2: every element of the construct goes through that provider.
      for (const child of deployment.node.findAll()) {
        if (child instanceof TerraformResource || child instanceof TerraformDataSource) child.provider = west;
      }
      const store = new PipelineArtifactStore(stack, 'artifacts', {
        bucketName: 'web-prod-artifacts-123456789012',
        accountId: ACCOUNT,
      });
      // The us-west-2 store belongs to the stack of that region: this one names it.
      const westStore = {
        bucketName: 'web-prod-artifacts-us-west-2-123456789012',
        bucketArn: 'arn:aws:s3:::web-prod-artifacts-us-west-2-123456789012',
        kmsKeyArn: 'arn:aws:kms:us-west-2:123456789012:key/11111111-2222-3333-4444-555555555555',
      };
      const repository = new CodecommitRepository(stack, 'repository', {
        repositoryName: 'web',
        description: 'Application source',
      });
      const build = new CodeBuildProject(stack, 'image', {
        name: 'web-prod-image',
        accountId: ACCOUNT,
        buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo ok\n',
        artifacts: store,
        privilegedMode: true,
      });
      new Pipeline(stack, 'pipeline', {
        name: 'web-prod-release',
        accountId: ACCOUNT,
        artifactStore: store,
        region: 'us-east-1',
        regionalArtifactStores: { 'us-west-2': westStore },
        stages: [
          {
            name: 'Source',
            actions: [
              {
                kind: 'source-codecommit',
                name: 'Source',
                repositoryName: repository.repositoryName,
                repositoryArn: repository.arn,
                branch: 'main',
                output: 'source',
              },
            ],
          },
          {
            name: 'Build',
            actions: [
              {
                kind: 'codebuild',
                name: 'Image',
                projectName: build.projectName,
                projectArn: build.projectArn,
                input: 'source',
                outputs: ['image'],
              },
            ],
          },
          {
            name: 'Primary',
            actions: [
              {
                kind: 'ecs-deploy',
                name: 'Primary',
                clusterName: 'web-prod',
                serviceName: 'api',
                serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/web-prod/api',
                input: 'image',
                passRoleArns: TASK_ROLES,
              },
            ],
          },
          { name: 'Approve', actions: [{ kind: 'approval', name: 'Approve', summary: 'Promote to us-west-2' }] },
          {
            name: 'Secondary',
            actions: [
              {
                kind: 'ecs-blue-green',
                name: 'Secondary',
                applicationName: deployment.applicationName,
                applicationArn: deployment.applicationArn,
                deploymentGroupName: deployment.deploymentGroupName,
                deploymentGroupArn: deployment.deploymentGroupArn,
                deploymentConfigArn: deployment.deploymentConfigArn,
                input: 'image',
                passRoleArns: TASK_ROLES,
                taskDefinitionFamily: 'web-prod-api',
                region: 'us-west-2',
              },
            ],
          },
        ],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // blue/green: role, inline policy, application, group (4); store: key, alias, bucket + 6 settings (9); repository
  // (1); project: log group, role, inline policy, project (4); pipeline: role, inline policy, pipeline, trigger role,
  // its inline policy, rule, target (7).
  expect(result.toAdd).toBe(25);
  expect(result.plan).not.toMatch(/Warning:/);
});
