import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

const { ensureEnv, prepareEnv, SECRET_NAMES } = require('../../../src/scripts/ensure-env.js') as {
  ensureEnv: (dir: string) => { created: boolean; file: string };
  prepareEnv: (dir: string, env: Record<string, string | undefined>) => { ok: boolean; message: string };
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

describe('prepareEnv (what `npm start` runs before Strapi)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const allSecrets = () => Object.fromEntries(SECRET_NAMES.map((name) => [name, `value-of-${name}`]));

  it.each(['development', 'test', undefined])('creates .env outside production (NODE_ENV=%s)', (nodeEnv) => {
    expect(prepareEnv(dir, { NODE_ENV: nodeEnv }).ok).toBe(true);
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(true);
  });

  it('never creates .env in production, and names every missing secret', () => {
    const { ok, message } = prepareEnv(dir, { NODE_ENV: 'production', APP_KEYS: 'a,b', JWT_SECRET: 'j' });
    expect(ok).toBe(false);
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
    const missing = SECRET_NAMES.filter((name) => name !== 'APP_KEYS' && name !== 'JWT_SECRET');
    expect(message).toMatch(new RegExp(`^Missing secrets: ${missing.join(', ')}\\.`));
  });

  it('starts in production when the environment holds every secret', () => {
    expect(prepareEnv(dir, { NODE_ENV: 'production', ...allSecrets() })).toMatchObject({ ok: true });
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });

  it('counts secrets from an existing .env in production, but not empty ones', () => {
    const lines = SECRET_NAMES.map((name) => (name === 'ENCRYPTION_KEY' ? `${name}=` : `${name}="v-${name}"`));
    fs.writeFileSync(path.join(dir, '.env'), `${lines.join('\n')}\n`);
    const { ok, message } = prepareEnv(dir, { NODE_ENV: 'production' });
    expect(ok).toBe(false);
    expect(message).toMatch(/^Missing secret: ENCRYPTION_KEY\./);
    expect(prepareEnv(dir, { NODE_ENV: 'production', ENCRYPTION_KEY: 'k' }).ok).toBe(true);
  });

  it('as a command in production: exits with status 1, names the secret, writes nothing', () => {
    const script = path.resolve(__dirname, '../../../src/scripts/ensure-env.js');
    const copy = path.join(dir, 'src', 'scripts');
    fs.mkdirSync(copy, { recursive: true });
    fs.copyFileSync(script, path.join(copy, 'ensure-env.js'));
    const environment = { PATH: process.env.PATH, NODE_ENV: 'production', ...allSecrets(), API_TOKEN_SALT: '' };
    const run = spawnSync('node', [path.join(copy, 'ensure-env.js')], { encoding: 'utf8', env: environment });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Missing secret: API_TOKEN_SALT.');
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });
});
