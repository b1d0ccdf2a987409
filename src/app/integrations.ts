import type { IntegrationFactory } from './integration';

/**
 * Every platform the process can serve; each factory returns undefined when its platform is not
 * configured. Order matters only for mounting: the playground serves "/", so it comes last.
 */
export const INTEGRATIONS: IntegrationFactory[] = [];
