import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Lints a throw-away source file placed inside a project, then deletes it. */
async function lintSnippet(projectSource: string, code: string): Promise<string[]> {
  const file = resolve(ROOT, projectSource, `boundary-probe-${randomBytes(3).toString('hex')}.ts`);
  await writeFile(file, code);
  try {
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintFiles([file]);

    return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
  } finally {
    await rm(file, { force: true });
  }
}

describe('module boundaries', () => {
  it('rejects an app importing another app', async () => {
    const messages = await lintSnippet(
      'apps/orders/src',
      "import * as tax from '@retail-sync/tax';\n\nexport const leaked = tax;\n",
    );

    expect(messages).toContain('@nx/enforce-module-boundaries: Imports of apps are forbidden');
  });

  it('rejects Nest inside the contracts library', async () => {
    const messages = await lintSnippet(
      'libs/contracts/src',
      "import { Injectable } from '@nestjs/common';\n\nexport const leaked = Injectable;\n",
    );

    expect(messages.join('\n')).toMatch(
      /type:contracts" is not allowed to import "@nestjs\/common"/,
    );
  });

  it('rejects TypeORM inside the contracts library', async () => {
    const messages = await lintSnippet(
      'libs/contracts/src',
      "import { DataSource } from 'typeorm';\n\nexport const leaked = DataSource;\n",
    );

    expect(messages.join('\n')).toMatch(/is not allowed to import "typeorm"/);
  });

  it('accepts an app importing the contracts library', async () => {
    const messages = await lintSnippet(
      'apps/orders/src',
      "import { Money } from '@retail-sync/contracts';\n\nexport const money = Money;\n",
    );

    expect(messages).toEqual([]);
  });
});
