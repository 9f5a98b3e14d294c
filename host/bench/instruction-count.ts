// Counts the WebAssembly instructions a module executes, by instrumenting a copy of it with binaryen (the
// `assemblyscript` toolchain's own optimizer library): every basic block gains one addition of its length
// to a global counter, exported as `__instructions`. The count is what an interpreter such as WAMR pays
// per instruction, and it is deterministic: the same module and input give the same number on any
// machine, loaded or not, so a benchmark can hold a figure that timing on shared machines cannot.
//
// What counts as an instruction: every expression node binaryen has (one per wasm instruction, blocks and
// loops included). A basic block starts at a function's body, a block's children, a loop's body, an if's
// arms, and right after any child that may branch away (br, br_if, br_table, return, unreachable). A block
// left early through a branch inside a nested expression is counted whole: the figure is an upper bound that
// is exact for straight code, and the same instrumentation measures every module it is compared against.
import binaryen from 'binaryen';

type Expr = number;
// The expression wrappers (Block, Loop, If, Function) are in binaryen.js but not in its type declarations.
const B = binaryen as typeof binaryen & Record<'Block' | 'Loop' | 'If' | 'Function', any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The child expressions of `e` evaluated as part of its own basic block (not nested regions). */
function operands(e: Expr): Expr[] {
  const kind = B.getExpressionId(e);
  if (kind === B.UnreachableId || kind === B.NopId || kind === B.BlockId || kind === B.LoopId) return [];
  let info: Record<string, unknown> & { id: number };
  try { info = B.getExpressionInfo(e) as unknown as Record<string, unknown> & { id: number }; } catch (x) { throw new Error(`instruction-count: cannot read expression kind ${B.getExpressionId(e)}`); }
  const pick = (...keys: string[]) => keys.map((k) => info[k] as Expr).filter((x) => typeof x === 'number' && x !== 0);
  switch (info.id) {
    case B.BlockId: case B.LoopId: return [];
    case B.IfId: return pick('condition');
    case B.BreakId: return pick('value', 'condition');
    case B.SwitchId: return pick('value', 'condition');
    case B.CallId: return info.operands as Expr[];
    case B.CallIndirectId: return [...(info.operands as Expr[]), ...pick('target')];
    case B.LocalSetId: case B.GlobalSetId: case B.DropId: case B.ReturnId: case B.UnaryId: case B.MemoryGrowId: return pick('value', 'delta');
    case B.LoadId: return pick('ptr');
    case B.StoreId: return pick('ptr', 'value');
    case B.BinaryId: return pick('left', 'right');
    case B.SelectId: return pick('ifTrue', 'ifFalse', 'condition');
    case B.MemoryCopyId: return pick('dest', 'source', 'size');
    case B.MemoryFillId: return pick('dest', 'value', 'size');
    case B.LocalGetId: case B.GlobalGetId: case B.ConstId: case B.NopId: case B.UnreachableId: case B.MemorySizeId: return [];
    default: throw new Error(`instruction-count: expression kind ${info.id} is not handled`);
  }
}

/** Nested regions (each instrumented on its own) reachable from `e` within its basic block. */
function regions(e: Expr): Expr[] {
  const id = B.getExpressionId(e);
  if (id === B.BlockId || id === B.LoopId) return [e];
  if (id === B.IfId) return [e, ...operands(e).flatMap(regions)]; // its arms, and any region in its condition
  return operands(e).flatMap(regions);
}

function size(e: Expr): number {
  const id = B.getExpressionId(e);
  if (id === B.BlockId || id === B.LoopId) return 1;
  return 1 + operands(e).reduce((n, c) => n + size(c), 0);
}

function mayBranch(e: Expr): boolean {
  const id = B.getExpressionId(e);
  if (id === B.BreakId || id === B.SwitchId || id === B.ReturnId || id === B.UnreachableId) return true;
  if (id === B.BlockId || id === B.LoopId || id === B.IfId) return true; // its inside may branch past us
  return operands(e).some(mayBranch);
}

/**
 * With `perFunction`, each function also gets a counter of its own, exported as `__instructions:<name>`
 * (for finding where the instructions go; `instructionProfile` reads them).
 */
export function instrument(wasm: Uint8Array, perFunction = false): Uint8Array {
  const m = B.readBinary(wasm);
  m.setFeatures(B.Features.All);
  const COUNTER = '__instructions';
  m.addGlobal(COUNTER, B.i64, true, (m.i64.const as unknown as (v: bigint) => number)(0n));
  m.addGlobalExport(COUNTER, COUNTER);
  const i64 = (v: number) => (m.i64.const as unknown as (v: bigint) => number)(BigInt(v));
  let own = '';
  const add = (g: string, n: number) => m.global.set(g, m.i64.add(m.global.get(g, B.i64), i64(n)));
  const bump = (n: number) => (own ? m.block(null, [add(COUNTER, n), add(own, n)]) : add(COUNTER, n));

  // A region: a list of expressions run in order. Returns the list with counters at each block start.
  const list = (items: Expr[]): Expr[] => {
    const out: Expr[] = [];
    let pending: Expr[] = [];
    let count = 0;
    const flush = () => { if (pending.length) { out.push(bump(count), ...pending); pending = []; count = 0; } };
    for (const e of items) {
      for (const r of regions(e)) visit(r);
      pending.push(e);
      count += size(e);
      if (mayBranch(e)) flush();
    }
    flush();
    return out;
  };
  // Wraps a single expression as a counted region, keeping its type.
  const single = (e: Expr): Expr => {
    const type = B.getExpressionType(e);
    const items = list([e]);
    return m.block(null, items, type === B.unreachable ? B.auto : type);
  };
  const visit = (e: Expr): void => {
    const id = B.getExpressionId(e);
    if (id === B.BlockId) {
      const n = B.Block.getNumChildren(e);
      const kids = Array.from({ length: n }, (_, i) => B.Block.getChildAt(e, i));
      B.Block.setChildren(e, list(kids));
    } else if (id === B.LoopId) {
      B.Loop.setBody(e, single(B.Loop.getBody(e)));
    } else if (id === B.IfId) {
      B.If.setIfTrue(e, single(B.If.getIfTrue(e)));
      const f = B.If.getIfFalse(e);
      if (f) B.If.setIfFalse(e, single(f));
    }
  };
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const f = m.getFunctionByIndex(i);
    const body = B.Function.getBody(f);
    if (!body) continue; // an import
    if (perFunction) {
      own = `${COUNTER}:${B.getFunctionInfo(f).name}`;
      m.addGlobal(own, B.i64, true, i64(0));
      m.addGlobalExport(own, own);
    }
    B.Function.setBody(f, single(body));
  }
  if (!m.validate()) throw new Error('instruction-count: the instrumented module does not validate');
  const out = m.emitBinary();
  m.dispose();
  return out;
}

/** The counter of an instance of an instrumented module. */
export function instructionCounter(exports: WebAssembly.Exports): () => bigint {
  const g = exports.__instructions as WebAssembly.Global;
  return () => g.value as bigint;
}

/** Instructions per function of an instance of a module instrumented with `perFunction`, largest first. */
export function instructionProfile(exports: WebAssembly.Exports): [string, bigint][] {
  return Object.entries(exports).filter(([k]) => k.startsWith('__instructions:'))
    .map(([k, g]) => [k.slice('__instructions:'.length), (g as WebAssembly.Global).value as bigint] as [string, bigint])
    .filter(([, n]) => n > 0n).sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
}
