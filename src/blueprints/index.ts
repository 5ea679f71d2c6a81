/**
 * The blueprint catalogue: one line per blueprint package (`src/blueprints/<name>/`). The environment schema, the
 * app, the config printer and the tests that cover "every blueprint" all read this list; adding a blueprint is one
 * folder and one line here.
 */
import type { Blueprint } from './blueprint';
import { ec2Web } from './ec2-web';
import { ecsFullstack } from './ecs-fullstack';
import { ecsMultiregion } from './ecs-multiregion';
import { ecsService } from './ecs-service';
import { network } from './network';
import { serverlessWeb } from './serverless-web';

export const catalogue = [network, ecsFullstack, ec2Web, ecsService, serverlessWeb, ecsMultiregion] as const;

export type Catalogue = typeof catalogue;

/** The catalogue for code that treats every blueprint alike (each entry's section type is its own). */
export const blueprints = catalogue as unknown as readonly Blueprint[];
export type { Blueprint, BlueprintContext } from './blueprint';
