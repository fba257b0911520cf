/** The error every reader and the import's rules throw for malformed input. */

/** Malformed input; the message starts with the position when there is one. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** "line 12" / "byte offset 345", when the problem has a position. */
    readonly where?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** An ImportError at `where`, its message prefixed with the position. */
export const fail = (where: string, message: string) => new ImportError(`${where}: ${message}`, where);
