// The contract between assembly/adapters/component/main.ts and wit/matcher.wit: which AssemblyScript export implements
// which function of the world, under the canonical ABI's core export names. Read by the asc transform
// (rename-exports.ts) and by the build (build.ts).

export const WIT_WORLD = 'ssh-log-matcher';
export const WIT_INTERFACE = 'ssh-log-matcher:matcher/matcher@0.1.0';

/** AssemblyScript export name -> WIT function name of the `matcher` interface. */
export const WIT_FUNCTIONS: Record<string, string> = {
  matchLine: 'match-line',
  classify: 'classify',
  matchLineDetailed: 'match-line-detailed',
  matchLines: 'match-lines',
  classifyLines: 'classify-lines',
  matchLinesDetailed: 'match-lines-detailed',
  matchLineJson: 'match-line-json',
  matchLinesJson: 'match-lines-json',
  matchLineDetailedBytes: 'match-line-detailed-bytes',
  matchLinesDetailedBytes: 'match-lines-detailed-bytes',
  matchLineJsonBytes: 'match-line-json-bytes',
  setDetection: 'configure-detection',
  setSessions: 'configure-sessions',
  detectCounters: 'counters',
  detectLinesJson: 'detect-lines-json',
  detectLinesEvents: 'detect-lines-events',
  detectLinesJsonBytes: 'detect-lines-json-bytes',
  detectLinesEventsBytes: 'detect-lines-events-bytes',
};

/** The AssemblyScript export that serves as every function's post-return. */
export const POST_RETURN = 'postReturn';

/** Canonical-ABI core export name of a WIT function (the legacy `iface#fn` form wit-component accepts). */
export const coreExportName = (fn: string) => `${WIT_INTERFACE}#${fn}`;
export const postReturnExportName = (fn: string) => `cabi_post_${coreExportName(fn)}`;

/** Core export name(s) each AssemblyScript export gets; exports not listed keep their name. */
export function exportRenames(): Map<string, string[]> {
  const renames = new Map<string, string[]>();
  for (const [asName, fn] of Object.entries(WIT_FUNCTIONS)) renames.set(asName, [coreExportName(fn)]);
  renames.set(POST_RETURN, Object.values(WIT_FUNCTIONS).map(postReturnExportName));
  return renames;
}
