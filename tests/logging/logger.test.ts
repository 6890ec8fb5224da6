import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../src/logging/logger.js';
import { tempDir } from '../helpers/tempDir.js';

function logLines(dir: string): Record<string, unknown>[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('logging', () => {
  it('writes structured JSON lines to a log file in the data folder, with endpoint and run', async () => {
    const dir = tempDir('fc-logs-');
    const { logger, close } = await createLogger({ logDir: dir, level: 'debug' });
    logger.child({ endpointId: 3, runId: 9 }).info('Sync finished', { added: 2 });
    logger.debug('details');
    await close();
    const lines = logLines(dir);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'Sync finished',
        endpointId: 3,
        runId: 9,
        added: 2,
        time: expect.any(String),
      }),
      expect.objectContaining({ level: 20, msg: 'details' }),
    ]);
  });

  it('never writes secrets, in the file or to the sink, whatever the nesting', async () => {
    const dir = tempDir('fc-logs-');
    const seen: unknown[] = [];
    const { logger, close } = await createLogger({ logDir: dir, sink: (e) => seen.push(e.data) });
    logger.warn('Token refreshed', {
      refreshToken: 'r-123',
      auth: { access_token: 'a-456', Authorization: 'Bearer b-789', clientId: 'visible-id' },
    });
    await close();
    const text = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    for (const secret of ['r-123', 'a-456', 'b-789']) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(seen)).not.toContain(secret);
    }
    expect(text).toContain('visible-id');
  });

  it('hands entries at info and above to the sink, not debug', async () => {
    const seen: string[] = [];
    const { logger, close } = await createLogger({ level: 'debug', sink: (e) => seen.push(`${e.level}:${e.message}`) });
    logger.debug('noise');
    logger.info('started');
    logger.error('failed');
    await close();
    expect(seen).toEqual(['info:started', 'error:failed']);
  });

  it('redacts keys case-insensitively and leaves other values alone', () => {
    expect(redact({ PASSWORD: 'x', name: 'Docs', list: [1, 2] })).toEqual({
      PASSWORD: '[redacted]',
      name: 'Docs',
      list: [1, 2],
    });
  });
});
