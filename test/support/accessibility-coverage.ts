/**
 * Which pages of the app the browser run audited (accessibility.ts notes each in the run's scratch
 * directory); global-setup.ts prints the summary at the end of the run, like the contract coverage.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_PATHS } from '../../miniapp/src/app-pages';

const NOTES_FILE = 'accessibility-notes.txt';

export function noteAudited(route: string, notesDir: string): void {
  appendFileSync(join(notesDir, NOTES_FILE), `${route}\n`);
}

/** One line: how many of the app's pages were audited, and which never were; nothing when no test audited. */
export function accessibilitySummary(project: string, notesDir: string): string | undefined {
  const file = join(notesDir, NOTES_FILE);
  if (!existsSync(file)) return undefined;
  const audited = new Set(readFileSync(file, 'utf8').split('\n'));
  const pages = Object.values(PAGE_PATHS);
  const never = pages.filter((page) => !audited.has(page));
  return `accessibility (${project}): ${pages.length - never.length}/${pages.length} pages audited against WCAG 2.1 AA${never.length ? ` (never: ${never.join(', ')})` : ''}`;
}
