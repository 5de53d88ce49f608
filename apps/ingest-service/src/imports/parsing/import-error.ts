/**
 * A problem with what the user uploaded (not JSON, wrong shape, unsafe zip, ...).
 * The message is specific and safe to show: it names the file and what is wrong,
 * never a row's content (rows hold personal data).
 */
export class ImportInputError extends Error {
  constructor(
    message: string,
    /** HTTP status when the problem is found before the job starts. */
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = 'ImportInputError';
  }
}

/**
 * A file that is readable JSON but not streaming history (a single object, or rows of another
 * kind): the import skips it and reports it instead of failing.
 */
export class NotHistoryError extends ImportInputError {
  constructor(message: string) {
    super(message);
    this.name = 'NotHistoryError';
  }
}
