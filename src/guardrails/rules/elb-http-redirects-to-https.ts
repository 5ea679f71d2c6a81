import { resourceRule } from '../rule';
import { nested, nestedList } from '../stack-view';
import { isApplicationLoadBalancer } from './helpers';

export const elbHttpRedirectsToHttps = resourceRule({
  id: 'elb-http-redirects-to-https',
  severity: 'error',
  description: "An Application Load Balancer's HTTP listeners only redirect to HTTPS",
  controls: { fsbp: 'ELB.1', checkov: 'CKV2_AWS_20' },
  fix: 'serve HTTPS on 443 with a certificate and make port 80 a redirect to HTTPS (load-balancer module: certificateArn)',
  types: ['aws_lb_listener'],
  check: (listener, stack) => {
    const lb = stack.referencedBlock(listener.config.load_balancer_arn, 'aws_lb');
    if ((lb && !isApplicationLoadBalancer(lb)) || listener.config.protocol !== 'HTTP') return undefined;
    const actions = nestedList(listener.config.default_action);
    const redirects =
      actions.length > 0 &&
      actions.every((action) => action.type === 'redirect' && nested(action.redirect)?.protocol === 'HTTPS');
    return redirects ? undefined : `port ${listener.config.port} serves plain HTTP instead of redirecting to HTTPS`;
  },
});
