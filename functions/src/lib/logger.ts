/**
 * Structured JSON logs, one object per line, with the request id on every line; the same locally
 * and in Lambda. Personal data stays out: callers log ids and codes, never phone numbers, names or
 * free text, and known personal keys are redacted as a second line of defence. Every line starts
 * with the logger's own `time`, `level` (the severity, which log filters rely on) and `message`,
 * then the context of `child` loggers (`service`, `requestId`…); a field that would take one of
 * these names (a source's credit `level`, say) is kept under `fields` instead of overwriting it.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const PERSONAL_KEYS = /phone|name|description|comment|note|reason|address|referral/i;
/** Where fields go whose names the line already has. */
const DISPLACED = 'fields';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const redacted = (key: string, value: unknown): unknown =>
  value instanceof Error
    ? { name: value.name, message: value.message, stack: value.stack }
    : PERSONAL_KEYS.test(key) && typeof value === 'string'
      ? '[redacted]'
      : value;

export function createLogger(base: Record<string, unknown> = {}, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  return contextLogger(base, write, LEVELS[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? LEVELS.info);
}

/** One logger per context; children share the threshold read once by `createLogger` (a request makes a child, and reading the environment is not free). */
function contextLogger(base: Record<string, unknown>, write: (line: string) => void, threshold: number): Logger {
  const emit = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const line: Record<string, unknown> = { time: new Date().toISOString(), level, message };
    let displaced: Record<string, unknown> | undefined;
    const put = (name: string, value: unknown) => {
      if (name in line || name === DISPLACED) {
        displaced ??= {};
        displaced[name] = value;
      } else line[name] = value;
    };
    for (const name in base) put(name, base[name]);
    for (const name in fields) put(name, redacted(name, fields[name]));
    if (displaced) line[DISPLACED] = displaced;
    write(JSON.stringify(line));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => contextLogger({ ...base, ...fields }, write, threshold),
  };
}
