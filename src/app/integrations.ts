import { createPlaygroundIntegration } from '../playground/integration';
import { createSlackIntegration } from '../slack';
import { teamsIntegration } from '../teams';
import type { IntegrationFactory } from './integration';

/**
 * Every platform the process can serve; each factory returns undefined when its platform is not
 * configured. Integrations start in this order: the playground installs its simulated school
 * through the Teams integration, so Teams comes before it; the playground serves "/", so it is last.
 */
export const INTEGRATIONS: IntegrationFactory[] = [createSlackIntegration, teamsIntegration, createPlaygroundIntegration];
