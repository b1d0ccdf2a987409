/** A Teams configuration that must not run (e.g. unauthenticated in production); start-up stops with its message. */
export class TeamsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsConfigError';
  }
}
