import type { Db } from 'mongodb';
import type { Repositories } from '../../core/ports';
import { withStoreErrors } from '../errors';
import { createDownloadRepository } from './download-repository';
import { createInstallationRepository } from './installation-repository';
import { createJobRepository } from './job-repository';
import { createParticipationRepository } from './participation-repository';
import { createQuoteRepository } from './quote-repository';
import { createResponseRepository } from './response-repository';
import { createRoundRepository } from './round-repository';
import { createSummaryRepository } from './summary-repository';
import { createTenantRepository } from './tenant-repository';
import { createOnceRepository } from './once-repository';
import { createPacingRepository } from './pacing-repository';
import { createDraftRepository } from './draft-repository';
import { createActionRepository } from './action-repository';
import { createVoteRepository } from './vote-repository';

/**
 * The storage ports on one database. Every method throws StoreUnavailableError (a
 * `store_unavailable` SurveyError) when the server cannot be reached. Call `ensureIndexes(db)`
 * first (connectStore does): the invariants rest on the unique indexes.
 */
export function createRepositories(db: Db): Repositories {
  return {
    tenants: withStoreErrors(createTenantRepository(db)),
    rounds: withStoreErrors(createRoundRepository(db)),
    participations: withStoreErrors(createParticipationRepository(db)),
    responses: withStoreErrors(createResponseRepository(db)),
    jobs: withStoreErrors(createJobRepository(db)),
    installations: withStoreErrors(createInstallationRepository(db)),
    quotes: withStoreErrors(createQuoteRepository(db)),
    summaries: withStoreErrors(createSummaryRepository(db)),
    downloads: withStoreErrors(createDownloadRepository(db)),
    once: withStoreErrors(createOnceRepository(db)),
    pacing: withStoreErrors(createPacingRepository(db)),
    drafts: withStoreErrors(createDraftRepository(db)),
    votes: withStoreErrors(createVoteRepository(db)),
    actions: withStoreErrors(createActionRepository(db)),
  };
}

