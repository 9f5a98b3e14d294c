import type { Matcher } from '../binding/index.js';
import { type Catalog } from './load.js';
export declare function checkExamples(catalog: Catalog, matcher: Matcher): string[];
