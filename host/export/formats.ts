// The export formats by name: what `ssh-log-matcher export --format <name>` writes.
import type { Catalog } from '../compile/load.js';
import { exportFluentBit } from './fluent-bit.js';
import { exportGrok } from './grok.js';
import { exportLiblognorm } from './liblognorm.js';
import { exportPatterndb } from './patterndb.js';
import { exportVrl } from './vrl.js';

export const EXPORT_FORMATS = {
  liblognorm: exportLiblognorm,
  patterndb: exportPatterndb,
  grok: exportGrok,
  'fluent-bit': exportFluentBit,
  vrl: exportVrl,
} as const satisfies Record<string, (catalog: Catalog) => string>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const isExportFormat = (f: string): f is ExportFormat => Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, f);
