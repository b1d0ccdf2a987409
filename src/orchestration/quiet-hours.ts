/** Quiet hours live in the core (what a coordinator is told depends on them); the scheduler applies them. */
export * from '../core/quiet-hours';
