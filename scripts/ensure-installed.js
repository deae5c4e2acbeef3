// Installs dependencies from the lockfile when node_modules is missing or older than the lockfile,
// so the first `npm start` on a fresh clone needs no separate install step.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const marker = resolve(root, 'node_modules/.package-lock.json');
const lockfile = resolve(root, 'package-lock.json');

if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lockfile).mtimeMs) {
  process.stdout.write('Installing dependencies from package-lock.json\n');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
