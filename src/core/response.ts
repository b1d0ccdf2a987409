import { createHmac } from 'node:crypto';
import type { AnswerValue } from './answers';
import { answerSteps, roundSections, stepSections, type Round } from './round';

/**
 * One response per respondent per round. It is keyed by a pseudonym, never by the platform
 * user id: HMAC(secret, roundId + userId). Without the secret nobody can link a response to a
 * person, and the same person gets an unrelated key in every round.
 */
export interface ResponseRecord {
  roundId: string;
  respondentKey: string;
  /** Answers keyed by item id. */
  answers: Record<string, AnswerValue>;
  /** Sections (dimension ids, "reflection") the respondent has submitted at least once. */
  submittedSections: string[];
  /** Self-declared group for group comparison; optional. */
  group?: string;
  /**
   * Every section submitted. A flag and deliberately no time: a response carries no moment of
   * any kind (no created/updated/completed stamp, no time-ordered id), so a database reader
   * cannot match it against the moment a person was invited, reminded or seen active.
   */
  complete: boolean;
}

export function respondentKey(secret: string, roundId: string, platformUserId: string): string {
  return createHmac('sha256', secret).update(`${roundId}\u0000${platformUserId}`).digest('base64url');
}

/** A response is complete when every section of the round has been submitted. */
export function isComplete(round: Pick<Round, 'questionnaire' | 'dimensionIds' | 'includeReflection'>, submittedSections: readonly string[]): boolean {
  return roundSections(round).every((s) => submittedSections.includes(s));
}

/** The first form (step) not yet fully submitted: where "continue" takes the respondent. */
export function nextStep(round: Pick<Round, 'questionnaire' | 'dimensionIds' | 'includeReflection' | 'depth'>, submittedSections: readonly string[]): string | undefined {
  return answerSteps(round).find((step) => !stepSections(round, step).every((s) => submittedSections.includes(s)));
}

/** The first section not yet submitted. */
export function nextSection(round: Pick<Round, 'questionnaire' | 'dimensionIds' | 'includeReflection'>, submittedSections: readonly string[]): string | undefined {
  return roundSections(round).find((s) => !submittedSections.includes(s));
}
