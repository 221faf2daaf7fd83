import table from './complaint-time-limits.json' with { type: 'json' };
import { versionedRules } from './versions';

export interface TimeLimits {
  version: string;
  source: string;
  acknowledgeWithinDays: number;
  closeWithinDays: number;
  maxExtensionDays: number;
  /** Days to close a reopened complaint, from reopening. */
  reopenedCloseWithinDays: number;
  /** How many times a complainant may reopen one complaint. */
  maxReopens: number;
}

const versions = /* @__PURE__ */ versionedRules<TimeLimits>(() => table.versions, 'time-limits');

export function timeLimits(version: string): TimeLimits {
  return versions.get(version);
}
