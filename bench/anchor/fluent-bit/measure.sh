#!/usr/bin/env bash
# The project's filter_wasm module in a real Fluent Bit, side by side with Fluent Bit's own parser filter
# running the anchor parsers (parsers.conf + filter-parser-each.conf), on the anchor corpus.
# usage: measure.sh FLUENT_BIT_BINARY MODULE.wasm [MODULE.aot]
# env:   CORPUS (default: generated here, 1M lines, seed 42)  RUNS=3  WORK=$(mktemp -d)
# Variant `floor` (floor.ts, built here with the project's asc): no matching, the record handed back with a
# constant tail of ECS members as large as ssh_enrich adds: what Fluent Bit itself pays for enriched records.
# Figure: time from process start to tail's "ended, stop" log line (filters run at ingestion, so every
# record has been read and filtered by then); whole-process wall time is rounded to Fluent Bit's 1 s timer.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$1; WASM=$2; AOT=${3:-}
RUNS=${RUNS:-3}; WORK=${WORK:-$(mktemp -d)}
CORPUS=${CORPUS:-$WORK/corpus-1m.log}
[ -s "$CORPUS" ] || node "$HERE/../gen-corpus.cjs" 1000000 42 "$CORPUS"
N=$(wc -l < "$CORPUS")
VARIANTS="none passthrough floor classify enrich parser${AOT:+ aot_classify aot_enrich}"
"$HERE/../../../node_modules/.bin/asc" "$HERE/floor.ts" --runtime stub --use abort= -O3 --outFile "$WORK/floor.wasm"
conf() { local v=$1 out=$2 f=""
  case $v in
    passthrough|classify|enrich) f=$(printf '[FILTER]\n    Name wasm\n    Match *\n    WASM_Path %s\n    Function_Name ssh_%s\n    Accessible_Paths %s' "$WASM" "$v" "$WORK") ;;
    floor) f=$(printf '[FILTER]\n    Name wasm\n    Match *\n    WASM_Path %s\n    Function_Name ssh_floor\n    Accessible_Paths %s' "$WORK/floor.wasm" "$WORK") ;;
    aot_*) f=$(printf '[FILTER]\n    Name wasm\n    Match *\n    WASM_Path %s\n    Function_Name ssh_%s\n    Accessible_Paths %s' "$AOT" "${v#aot_}" "$WORK") ;;
    parser) f=$(printf '[FILTER]\n    Name parser\n    Match *\n    Key_Name log\n    Parser syslog_header\n\n%s' "$(cat "$HERE/filter-parser-each.conf")") ;;
  esac
  printf '[SERVICE]\n    Flush 1\n    Log_Level info\n    Parsers_File %s\n\n[INPUT]\n    Name tail\n    Path %s\n    Read_from_Head On\n    Exit_On_Eof On\n\n%s\n\n%s\n' \
    "$HERE/parsers.conf" "$CORPUS" "$f" "$out" > "$WORK/$v.conf"
}
for v in $VARIANTS; do   # one checked run each: every record comes out
  conf "$v" "$(printf '[OUTPUT]\n    Name file\n    Match *\n    Path %s\n    File out-%s.jsonl\n    Format plain' "$WORK" "$v")"
  "$BIN" -c "$WORK/$v.conf" > "$WORK/$v.check.log" 2>&1 || true
  echo "$v: $(wc -l < "$WORK/out-$v.jsonl") of $N records out"; rm -f "$WORK/out-$v.jsonl"
done
for v in $VARIANTS; do conf "$v" "$(printf '[OUTPUT]\n    Name null\n    Match *')"; done
: > "$WORK/times.tsv"
for r in $(seq 1 "$RUNS"); do for v in $VARIANTS; do   # round-robin, so drift hits every variant alike
  t0=$(date +%s%N)
  "$BIN" -c "$WORK/$v.conf" > "$WORK/$v.$r.log" 2>&1 || true
  eof=$(grep -m1 'ended, stop' "$WORK/$v.$r.log" | sed -E 's/^\[([0-9/]+ [0-9:.]+)\].*/\1/')
  node -e 'console.log(process.argv[1]+"\t"+((Date.parse(process.argv[2].replace(/\//g,"-").replace(" ","T")+"Z")*1e6-Number(process.argv[3]))/1e9).toFixed(3))' "$v" "$eof" "$t0" >> "$WORK/times.tsv"
done; done
node -e '
const rows=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(l=>l.split("\t"));const N=+process.argv[2];
const by={};for(const [v,e] of rows)(by[v]??=[]).push(+e);
const med=a=>{const b=[...a].sort((x,y)=>x-y);return b[b.length>>1]};const rate=v=>N/med(by[v]);
console.log("| variant | seconds to end of file (median) | records/s | vs parser filter | vs passthrough |");console.log("|---|---|---|---|---|");
for(const v of Object.keys(by))console.log(`| ${v} | ${med(by[v]).toFixed(2)} | ${Math.round(rate(v)).toLocaleString("en-US")} | ${(rate(v)/rate("parser")).toFixed(2)}x | ${(rate(v)/rate("passthrough")).toFixed(2)}x |`);
' "$WORK/times.tsv" "$N"
echo "configs and logs: $WORK"
