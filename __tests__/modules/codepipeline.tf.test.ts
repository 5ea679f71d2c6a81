/**
 * The codepipeline and codebuild modules pass real `terraform validate` and an offline plan: an artifact store, a
 * CodeBuild project and a pipeline Source (connection) → Plan (CodeBuild) → Approval (SNS) → Apply (CodeBuild).
 */
import { CodestarconnectionsConnection } from '@cdktf/provider-aws/lib/codestarconnections-connection';
import { CodeBuildProject } from '../../modules/codebuild';
import { Pipeline, PipelineArtifactStore } from '../../modules/codepipeline';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans a pipeline with a build project, an approval and its artifact store', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const store = new PipelineArtifactStore(stack, 'artifacts', {
        bucketName: 'apprentice-final-staging-artifacts-123456789012',
        accountId: '123456789012',
      });
      const connection = new CodestarconnectionsConnection(stack, 'github', { name: 'github', providerType: 'GitHub' });
      const build = (id: string) =>
        new CodeBuildProject(stack, id, {
          name: `apprentice-final-staging-${id}`,
          accountId: '123456789012',
          buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo ok\n',
          artifacts: store,
        });
      const plan = build('plan');
      const apply = build('apply');
      new Pipeline(stack, 'pipeline', {
        name: 'apprentice-final-staging-infrastructure',
        accountId: '123456789012',
        artifactStore: store,
        executionMode: 'QUEUED',
        stages: [
          {
            name: 'Source',
            actions: [
              {
                kind: 'source-connection',
                name: 'Source',
                connectionArn: connection.arn,
                repository: 'acme/infrastructure',
                branch: 'main',
                output: 'source',
              },
            ],
          },
          {
            name: 'Plan',
            actions: [
              {
                kind: 'codebuild',
                name: 'Plan',
                projectName: plan.projectName,
                projectArn: plan.projectArn,
                input: 'source',
                outputs: ['plan'],
              },
            ],
          },
          {
            name: 'Approve',
            actions: [
              {
                kind: 'approval',
                name: 'Approve',
                notificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:alarms',
                notificationTopicKmsKeyArn:
                  'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
              },
            ],
          },
          {
            name: 'Apply',
            actions: [
              {
                kind: 'codebuild',
                name: 'Apply',
                projectName: apply.projectName,
                projectArn: apply.projectArn,
                input: 'plan',
              },
            ],
          },
        ],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // store: key, alias, bucket + 6 settings (9); connection (1); per project: log group, role, inline policy, project
  // (8); pipeline: role, inline policy, pipeline (3).
  expect(result.toAdd).toBe(21);
  expect(result.plan).not.toMatch(/Warning:/);
});
