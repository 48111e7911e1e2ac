/** Expected failures a service reports on purpose. Transports turn them into `{ ok: false, code, message }`. */
import type { ErrorCode } from '../../contract/domain.js';

/** An expected failure; its message is written for the operator and safe to show. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
