import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensureEnv, SECRET_NAMES } = require('../../../src/scripts/ensure-env.js') as {
  ensureEnv: (dir: string) => { created: boolean; file: string };
  SECRET_NAMES: string[];
};

const parseEnv = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  );

describe('ensureEnv', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates .env with every secret, each random and non-empty', () => {
    expect(ensureEnv(dir).created).toBe(true);
    const values = parseEnv(fs.readFileSync(path.join(dir, '.env'), 'utf8'));
    expect(Object.keys(values).sort()).toEqual([...SECRET_NAMES].sort());
    for (const name of SECRET_NAMES) expect(values[name].length).toBeGreaterThanOrEqual(40);
    expect(values.APP_KEYS.split(',')).toHaveLength(4);
    expect(new Set(Object.values(values)).size).toBe(SECRET_NAMES.length);
  });

  it('generates different secrets for different installs', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-env-'));
    ensureEnv(dir);
    ensureEnv(other);
    const a = parseEnv(fs.readFileSync(path.join(dir, '.env'), 'utf8'));
    const b = parseEnv(fs.readFileSync(path.join(other, '.env'), 'utf8'));
    expect(a.ADMIN_JWT_SECRET).not.toBe(b.ADMIN_JWT_SECRET);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('never overwrites an existing .env', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'APP_KEYS=mine\nDATABASE_CLIENT=postgres\n');
    expect(ensureEnv(dir).created).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('APP_KEYS=mine\nDATABASE_CLIENT=postgres\n');
  });

  it('runs as a command and reports what it did', () => {
    const script = path.resolve(__dirname, '../../../src/scripts/ensure-env.js');
    const copy = path.join(dir, 'src', 'scripts');
    fs.mkdirSync(copy, { recursive: true });
    fs.copyFileSync(script, path.join(copy, 'ensure-env.js'));
    expect(execFileSync('node', [path.join(copy, 'ensure-env.js')], { encoding: 'utf8' })).toMatch(/Created .*\.env/);
    expect(execFileSync('node', [path.join(copy, 'ensure-env.js')], { encoding: 'utf8' })).toMatch(/Kept existing/);
  });
});
