// Writes docs/asyncapi.yaml from the contract catalog; run after changing any contract class.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderAsyncApiDocument } from './asyncapi-document.js';

const target = resolve(import.meta.dirname, '../docs/asyncapi.yaml');
await writeFile(target, renderAsyncApiDocument());
process.stdout.write(`Wrote ${target}\n`);
