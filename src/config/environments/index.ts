import type { EnvironmentInput } from '../schema';
import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';

/**
 * Every environment the app synthesizes, in deploy order. To add one, add a file beside this one and list it here;
 * then add it to the deploy workflow's environment choice (`npm run lint:workflows` says where).
 */
export const environments: readonly EnvironmentInput[] = [dev, staging, prod];
