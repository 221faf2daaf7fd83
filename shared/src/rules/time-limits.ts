import table from './complaint-time-limits.json' with { type: 'json' };

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

const versions: readonly TimeLimits[] = table.versions;

export function timeLimits(version: string): TimeLimits {
  const found = versions.find((limits) => limits.version === version);
  if (!found) throw new Error(`Unknown time-limits version ${version}`);
  return found;
}
