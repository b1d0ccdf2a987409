/** The logging surface the server needs; pino loggers satisfy it. Silent when none is given. */
export interface Logger {
  info(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
}

export const SILENT_LOGGER: Logger = {
  info: () => undefined,
  warn: () => undefined,
};
