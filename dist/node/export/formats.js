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
};
export const isExportFormat = (f) => Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, f);
