import { describe, expect, it } from 'vitest';
import { createLogger } from '../../functions/src/lib/logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ service: 'sources' }, (line) => lines.push(JSON.parse(line))) };
}

describe('the logger', () => {
  it("keeps its own time, level and message and the context's names, whatever the fields are called", () => {
    const { lines, logger } = capture();
    logger
      .child({ requestId: 'r1' })
      .warn('source rescored', { level: 'yellow', message: 'm', time: 't', service: 'other', requestId: 'r2', fields: 1, score: 75 });
    expect(lines[0]).toMatchObject({ level: 'warn', message: 'source rescored', service: 'sources', requestId: 'r1', score: 75 });
    expect(lines[0].time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(lines[0].fields).toEqual({ level: 'yellow', message: 'm', time: 't', service: 'other', requestId: 'r2', fields: 1 });
  });

  it('keeps a child context from taking its reserved names too', () => {
    const { lines, logger } = capture();
    logger.child({ level: 'red' }).info('x');
    expect(lines[0]).toMatchObject({ level: 'info', fields: { level: 'red' } });
  });

  it('adds no fields object when nothing collides', () => {
    const { lines, logger } = capture();
    logger.info('x', { sourceId: 's1' });
    expect(lines[0]).not.toHaveProperty('fields');
  });
});
