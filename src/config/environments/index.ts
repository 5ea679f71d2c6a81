import type { EnvironmentConfig } from '../schema';
import { dev } from './dev';
import { prod } from './prod';

/** Every environment the app synthesizes, in deploy order. Add one here (and a file beside this one) to add an environment. */
export const environments: readonly EnvironmentConfig[] = [dev, prod];
