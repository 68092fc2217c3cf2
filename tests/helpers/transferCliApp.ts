import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const APP_DIR = path.resolve(__dirname, '..', '..');
const COPIED = ['src', 'config', 'database', 'dist', 'package.json', '.env'];
const LINKED = ['node_modules'];
/** The one source the copy's tsconfig.json gives the compiler (see below). */
const STUB_SOURCE = 'transfer-copy-compiles-nothing.ts';

export interface TransferCliApp {
  /** The copy's folder: the `cwd` for `strapi export`/`import` and for `src/scripts/restore.js`. */
  dir: string;
  /** Where the copy holds a public file (`/uploads/…`), as a restore into it wrote it. */
  publicFile(url: string): string;
  strapiBin: string;
  remove(): void;
}

/**
 * A copy of the app for Strapi's transfer CLI. `strapi export` and `strapi import` compile the whole app
 * into its dist/ before they run (Strapi 5.54, `cli/utils/data-transfer.js`, `compileStrapi()`); run from
 * the project, that rewrites the dist/ other test files boot from, and a Strapi booting at that moment
 * loads a half-written file ("Handler not found"). The copy compiles into a dist/ of its own. Its
 * node_modules are the project's (a link). Its public/ is its own, made of hard links to the project's
 * files when the copy is made: `strapi export` finds the uploads there, and `strapi import`'s restore
 * of local assets, which moves public/uploads aside and writes a new one, leaves the project's uploads
 * to the test files running beside it (a feed's enclosure length read 0 when their covers vanished).
 * A test that serves restored files from the project copies them back (`publicFile`).
 *
 * The copy's dist/ is the one the global setup compiled from the same sources with the same compiler
 * (`compileStrapi`), and its tsconfig.json gives the compiler a one-line file instead of the app: each
 * CLI call then compiles in about a second instead of type-checking the whole app again (12 s a call).
 */
export const transferCliApp = (): TransferCliApp => {
  // Made on first use, so that a test file declaring it at load time copies nothing until a test needs it.
  let made: string | undefined;
  const dir = (): string => {
    if (made) return made;
    made = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-transfer-app-'));
    for (const name of COPIED) {
      const source = path.join(APP_DIR, name);
      if (fs.existsSync(source)) fs.cpSync(source, path.join(made, name), { recursive: true });
    }
    const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    fs.writeFileSync(path.join(made, STUB_SOURCE), 'export {};\n');
    fs.writeFileSync(
      path.join(made, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, types: [] }, files: [STUB_SOURCE] }, null, 2)
    );
    for (const name of LINKED) fs.symlinkSync(path.join(APP_DIR, name), path.join(made, name), 'dir');
    execFileSync('cp', ['-al', path.join(APP_DIR, 'public'), path.join(made, 'public')]);
    return made;
  };
  return {
    get dir() {
      return dir();
    },
    publicFile: (url: string) => path.join(dir(), 'public', url),
    get strapiBin() {
      return path.join(dir(), 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
    },
    remove: () => {
      if (made) fs.rmSync(made, { recursive: true, force: true });
      made = undefined;
    },
  };
};
