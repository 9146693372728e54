import { LOADING_LAG_EVENTS, projectorHealth } from '@trm/operations';

/** /health tells loading from ready (issue 17) and degraded from down (issue 12). */
describe('projector health', () => {
  const ready = { projecting: true, running: true, caughtUp: true, quarantined: 0, lag: 0 };

  it('is up once caught up, with a small lag as events arrive', () => {
    expect(projectorHealth(ready)).toBe('up');
    expect(projectorHealth({ ...ready, lag: LOADING_LAG_EVENTS })).toBe('up');
  });

  it('is loading until it has caught up once since start (a demo or a backlog being projected), or while far behind', () => {
    expect(projectorHealth({ ...ready, caughtUp: false, lag: 39_232 })).toBe('loading');
    expect(projectorHealth({ ...ready, caughtUp: false, lag: 0 })).toBe('loading');
    expect(projectorHealth({ ...ready, lag: LOADING_LAG_EVENTS + 1 })).toBe('loading');
  });

  it('is degraded while serving with quarantined events or a failing batch, down when not running', () => {
    expect(projectorHealth({ ...ready, quarantined: 1 })).toBe('degraded');
    expect(projectorHealth({ ...ready, lastError: 'warehouse:CANNOT_PARSE_DATETIME' })).toBe('degraded');
    expect(projectorHealth({ ...ready, running: false })).toBe('down');
  });

  it('in a process that only reads the warehouse: from the stored checkpoint alone', () => {
    expect(projectorHealth({ ...ready, projecting: false, running: false, lag: 3 })).toBe('up');
    expect(projectorHealth({ ...ready, projecting: false, running: false, lag: 50_000 })).toBe('loading');
    expect(projectorHealth({ ...ready, projecting: false, running: false, lag: null })).toBe('down');
  });
});
