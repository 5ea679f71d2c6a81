/**
 * The seed's GitHub OIDC set-up passes real `terraform validate` and an offline plan: the provider and the three CI
 * roles (frontend: S3 + CloudFront, backend: ECR + CodeDeploy, infra: administrator through the managed policy).
 */
import { GithubActionsRole, GithubOidcProvider } from '../../modules/github-oidc';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans the OIDC provider and three roles', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const oidc = new GithubOidcProvider(stack, 'github-oidc');
      new GithubActionsRole(stack, 'frontend-role', {
        roleName: 'dev-github-frontend-role',
        providerArn: oidc.providerArn,
        repository: 'Kindee18/StartTech-Kindson-1148',
        policyStatements: [
          {
            sid: 'Site',
            actions: ['s3:ListBucket', 's3:PutObject', 's3:DeleteObject'],
            resources: ['arn:aws:s3:::starttech-site', 'arn:aws:s3:::starttech-site/*'],
          },
          {
            sid: 'Invalidate',
            actions: ['cloudfront:CreateInvalidation'],
            resources: ['arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE'],
          },
        ],
      });
      new GithubActionsRole(stack, 'backend-role', {
        roleName: 'dev-github-backend-role',
        providerArn: oidc.providerArn,
        repository: 'Kindee18/StartTech-Kindson-1148',
        policyStatements: [
          // ECR's token call cannot be scoped to a repository.
          { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
          {
            sid: 'EcrPush',
            actions: ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:PutImage'],
            resources: ['arn:aws:ecr:us-east-1:123456789012:repository/starttech-backend'],
          },
          {
            sid: 'Deploy',
            actions: ['codedeploy:CreateDeployment', 'codedeploy:GetDeployment'],
            resources: ['arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:starttech/*'],
          },
        ],
      });
      new GithubActionsRole(stack, 'infra-role', {
        roleName: 'dev-github-infra-role',
        providerArn: oidc.providerArn,
        repository: 'Kindee18/StartTech-Infra-Kindson-1148',
        environments: ['dev'],
        allowAdministratorAccess: true,
        managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        policyStatements: [
          {
            sid: 'State',
            actions: ['s3:GetObject', 's3:PutObject'],
            resources: ['arn:aws:s3:::starttech-tfstate/*'],
          },
        ],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // 1 provider + 3 × (role + inline policy) + 1 managed-policy attachment.
  expect(result.toAdd).toBe(8);
  expect(result.plan).toContain('"token.actions.githubusercontent.com:sub"');
});
