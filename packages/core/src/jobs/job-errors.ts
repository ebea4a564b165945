/** Thrown by a job handler to run again after a set delay without counting a failure. */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = "RetryLater";
  }
}

/** Thrown by a job handler when trying again cannot help: the job fails at once. */
export class PermanentFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "PermanentFailure";
  }
}
