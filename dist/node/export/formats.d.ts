import { exportFluentBit } from './fluent-bit.js';
import { exportGrok } from './grok.js';
import { exportLiblognorm } from './liblognorm.js';
import { exportPatterndb } from './patterndb.js';
import { exportVrl } from './vrl.js';
export declare const EXPORT_FORMATS: {
    readonly liblognorm: typeof exportLiblognorm;
    readonly patterndb: typeof exportPatterndb;
    readonly grok: typeof exportGrok;
    readonly 'fluent-bit': typeof exportFluentBit;
    readonly vrl: typeof exportVrl;
};
export type ExportFormat = keyof typeof EXPORT_FORMATS;
export declare const isExportFormat: (f: string) => f is ExportFormat;
