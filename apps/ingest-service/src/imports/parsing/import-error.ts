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
