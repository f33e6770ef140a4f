/**
 * A breaker per address (outlier detection, as Envoy's `consecutive_5xx` and Finagle's failure
 * accrual do): an address whose attempts fail `ejectAfterFailures` times in a row is ejected for
 * `ejectMs`. Then it rejoins on probation: its next outcome either clears it or ejects it again,
 * for twice as long each time (capped at 8 times `ejectMs`), so a flapping address stays out.
 */

export interface OutlierSettings {
  /** Consecutive failed attempts that eject an address. @default 5 */
  ejectAfterFailures: number;
  /** How long an ejected address is left out before it rejoins on probation. @default 5000 */
  ejectMs: number;
}

/** The longest ejection, as a multiple of `ejectMs` (1, 2, 4, 8, 8, …). */
const MAX_BACKOFF = 8;

export class Outlier {
  #failures = 0;
  #ejectedUntil = 0;
  #ejections = 0;
  #probation = false;

  constructor(readonly settings: OutlierSettings) {}

  /** May calls be sent to this address now? */
  available(now: number): boolean {
    return now >= this.#ejectedUntil;
  }

  /** Is the address ejected now (for `Service.endpoints()`)? */
  ejected(now: number): boolean {
    return now < this.#ejectedUntil;
  }

  record(failed: boolean, now: number): void {
    if (!failed) {
      this.#failures = 0;
      if (this.#probation) {
        this.#probation = false;
        this.#ejections = 0;
      }
      return;
    }
    this.#failures++;
    if (this.#probation || this.#failures >= this.settings.ejectAfterFailures) {
      this.#ejections++;
      this.#ejectedUntil = now + this.settings.ejectMs * Math.min(2 ** (this.#ejections - 1), MAX_BACKOFF);
      this.#failures = 0;
      this.#probation = true;
    }
  }
}
