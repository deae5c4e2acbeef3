export * from './data-source.js';
export * from './database-url.js';
export * from './ensure-database.js';
export * from './multi-row-insert.js';
