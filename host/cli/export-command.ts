// `ssh-log-matcher export --format <format> [--out file] [--catalog dir]`: writes the catalog as rules for
// another log engine (host/export/*), to a file or standard output.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { PACKAGE_ROOT } from '../binding/paths.js';
import { CatalogError, findCatalogFiles, loadCatalog } from '../compile/load.js';
import { EXPORT_FORMATS, isExportFormat } from '../export/formats.js';
import { UsageError, reason } from '../io/errors.js';

export interface ExportOptions { format: string; out?: string; catalog?: string }

export function runExport(opts: ExportOptions, stdout: Writable): void {
  if (!isExportFormat(opts.format)) throw new UsageError(`unknown export format '${opts.format}' (one of: ${Object.keys(EXPORT_FORMATS).join(', ')})`);
  const dir = opts.catalog ?? join(PACKAGE_ROOT, 'catalog');
  if (!existsSync(dir)) throw new UsageError(`no catalog directory ${dir}`);
  let text: string;
  try {
    text = EXPORT_FORMATS[opts.format](loadCatalog(findCatalogFiles(dir)));
  } catch (e) {
    if (e instanceof CatalogError) throw new UsageError(e.message);
    throw e;
  }
  if (opts.out) {
    try { writeFileSync(opts.out, text); } catch (e) { throw new UsageError(`cannot write ${opts.out}: ${reason(e)}`); }
  } else stdout.write(text);
}
