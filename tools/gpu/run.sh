#!/usr/bin/env bash
# FinPulse GPU check: runs inside a pack made by tools/gpu/pack.sh (see tools/gpu/README.md).
#
#   bash DIR/run.sh RESULTS_DIR                    on the GPU host (torch + CUDA in python3, no JDK)
#   bash DIR/run.sh --cpu-rehearsal RESULTS_DIR    here, on CPU: the same steps with this machine's
#                                                  CPU libtorch (DJL's Maven jar), a tiny model and
#                                                  few texts; exits 0 when every step ran
#   options: --full-model  (rehearsal) the real bge-small-shaped model instead of the tiny one
#            --limit N     headlines to use (default: all 9,991 on the GPU, 48 in the rehearsal)
#   env:     TOTAL_BUDGET_S (default 225: the whole run stays under 4 minutes; 480 for a
#            rehearsal, which a busy shared machine may slow down), PYTHON,
#            KEEP_WORK=1 (keep DIR/work: the unpacked runtime, base, model and libtorch links)
#
# Steps: environment, checksums, Java runtime, random base (sha256 checked), libtorch for DJL (the
# host's torch + the JNI rebuilt for it), model directory, Java check of the project's Classifier
# (CPU fp32 reference, GPU fp16 parity, bad inputs, throughput at 256/1024/4096 per batch, GPU fp32,
# an oversized batch), PyTorch eager fp16 on the same encoder and batches, summary. A failed step is
# reported and the later steps still run where they can. RESULTS_DIR gets run.log, java.log,
# java.jsonl, py-anchor.jsonl, steps.tsv and gpu.json; the last line printed is the Java/PyTorch
# throughput ratio. Exit 0 only when no step failed.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODE=gpu
FULL=0
LIMIT=""
RES=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cpu-rehearsal) MODE=rehearsal ;;
    --full-model) FULL=1 ;;
    --limit) LIMIT="$2"; shift ;;
    -h|--help) sed -n 2,22p "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) RES="$1" ;;
  esac
  shift
done
[[ -n "$RES" ]] || { echo "usage: run.sh [--cpu-rehearsal] [--full-model] [--limit N] RESULTS_DIR" >&2; exit 2; }
mkdir -p "$RES" || exit 2
RES="$(cd "$RES" && pwd)"
rm -f "$RES"/{run.log,java.log,java.jsonl,py-anchor.jsonl,steps.tsv,gpu.json}
T0=$(date +%s)
# The GPU host allows about 4 minutes; a rehearsal on a shared CPU machine (CI) may be slowed by
# its neighbours, and only its steps, not its speed, are under test there.
BUDGET="${TOTAL_BUDGET_S:-$([[ "$MODE" == gpu ]] && echo 225 || echo 480)}"
if [[ "$MODE" == rehearsal ]]; then
  SHAPE=tiny; [[ "$FULL" == 1 ]] && SHAPE=bge-small
  LIMIT="${LIMIT:-48}"
else
  SHAPE=bge-small
fi

elapsed() { echo $(( $(date +%s) - T0 )); }
left() { echo $(( BUDGET - $(elapsed) )); }
banner() { printf '\n==== [%3ss] %s\n' "$(elapsed)" "$*"; }
# step NAME ok|failed|skipped DETAIL: one line of steps.tsv, read by summarize.py
step() {
  printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >> "$RES/steps.tsv"
  case "$2" in
    ok) printf -- '---- %s: ok %s\n' "$1" "${3:-}" ;;
    *) printf -- '!!!! %s: %s: %s\n' "$1" "$(tr a-z A-Z <<< "$2")" "${3:-}" ;;
  esac
}
failed() { grep -q $'\tfailed\t' "$RES/steps.tsv" 2>/dev/null; }

main() {
  banner "FinPulse GPU check ($MODE, model shape $SHAPE), pack $HERE, results $RES, budget ${BUDGET}s"

  # ---------------------------------------------------------------- environment
  PY="${PYTHON:-}"
  if [[ -z "$PY" ]]; then
    if [[ -x /opt/torch/.venv/bin/python3 ]]; then PY=/opt/torch/.venv/bin/python3; else PY="$(command -v python3 || true)"; fi
  fi
  {
    date -u; uname -a; echo "cores: $(nproc)"; free -g 2>/dev/null | head -2; df -h "$HERE" 2>/dev/null | tail -1
    if command -v nvidia-smi >/dev/null; then
      timeout 20 nvidia-smi --query-gpu=name,driver_version,memory.used,memory.total --format=csv 2>&1
    else
      echo "nvidia-smi: not found"
    fi
    echo "python: ${PY:-none} $("${PY:-false}" --version 2>&1)"
    "${PY:-false}" - <<'EOF' 2>&1
import importlib
for m in ("numpy", "torch", "transformers", "tokenizers", "safetensors"):
    try:
        v = importlib.import_module(m).__version__
    except Exception as e:  # noqa: BLE001
        v = "absent (%s)" % type(e).__name__
    print("  %-12s %s" % (m, v))
try:
    import torch
    print("  torch cuda %s, available %s, devices %s" % (torch.version.cuda, torch.cuda.is_available(), torch.cuda.device_count()))
except Exception:
    pass
EOF
    env | grep -E '^(PATH|LD_LIBRARY_PATH|CUDA[A-Z_]*|NVIDIA[A-Z_]*|PYTORCH[A-Z_]*|OMP[A-Z_]*)=' | sort
  } > "$RES/env.txt" 2>&1
  cat "$RES/env.txt"
  [[ -n "$PY" ]] && "$PY" -c 'import numpy' 2>/dev/null \
    && step environment ok "python $PY" \
    || step environment failed "no python3 with numpy: the base cannot be generated"

  # ---------------------------------------------------------------- checksums
  banner "checksums"
  if (cd "$HERE" && sha256sum -c --quiet SHA256SUMS); then
    step checksums ok "$(wc -l < "$HERE/SHA256SUMS") files intact"
  else
    step checksums failed "files differ from SHA256SUMS (above): the pack was changed or cut short"
  fi

  # ---------------------------------------------------------------- work dir, runtime
  W="$HERE/work"
  rm -rf "$W"
  if ! mkdir -p "$W/tmp" "$W/djl-cache" 2>/dev/null; then
    W="$(mktemp -d "${TMPDIR:-/tmp}/finpulse-gpu.XXXXXX")"; mkdir -p "$W/tmp" "$W/djl-cache"
  fi
  banner "Java runtime (work dir $W)"
  JAVA="$W/jre/bin/java"
  if ! tar -C "$W" -xJf "$HERE/jre.tar.xz" 2>&1; then
    echo "tar -xJ failed: trying python's tarfile"
    "$PY" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$HERE/jre.tar.xz" "$W" 2>&1
  fi
  if "$JAVA" -version 2>&1; then
    step runtime ok "$("$JAVA" -version 2>&1 | head -1)"
  else
    step runtime failed "the packed Java runtime does not start"
  fi
  JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"

  # ---------------------------------------------------------------- base weights
  banner "random $SHAPE base (tools/gpu/make_base.py)"
  source "$HERE/scripts/base-sha256.env"
  var="BASE_SHA256_${SHAPE//-/_}"
  BASE_SHA="${!var}"
  BASE="$W/base"
  timeout 120 "$PY" "$HERE/scripts/make_base.py" "$BASE" --shape "$SHAPE" \
    --tokenizer "$HERE/data/bge-small-en-v1.5-tokenizer.json" --expect "$BASE_SHA" | tee "$W/base.json"
  rc=${PIPESTATUS[0]}
  if [[ $rc -eq 0 ]]; then
    step base ok "sha256 $BASE_SHA as pinned"
  elif [[ $rc -eq 3 ]]; then
    BASE_SHA="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$W/base.json")"
    step base failed "sha256 $BASE_SHA differs from the pinned one: the model is re-pinned to it so that parity and speed still compare one model on two devices"
  else
    step base failed "make_base.py exit $rc"
  fi

  # ---------------------------------------------------------------- libtorch for DJL
  banner "libtorch for DJL"
  LIBDIR="$W/torch/lib"       # what PYTORCH_LIBRARY_PATH names: symlinks + the JNI
  mkdir -p "$LIBDIR" "$W/cudart"
  NVLIBS=""
  if [[ "$MODE" == rehearsal ]]; then
    # this machine's CPU libtorch and DJL's JNI for it, from the Maven jars the pack was made from
    REHEARSAL_NATIVE_JAR=""; REHEARSAL_JNI_JAR=""
    [[ -f "$HERE/rehearsal.env" ]] && source "$HERE/rehearsal.env"
    PT_VERSION=2.5.1; PT_FLAVOR=cpu
    CACHE="${FINPULSE_GPU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/finpulse-gpu}/libtorch-$PT_VERSION-cpu"
    if [[ ! -f "$CACHE/.done" && -f "$REHEARSAL_NATIVE_JAR" && -f "$REHEARSAL_JNI_JAR" ]]; then
      rm -rf "$CACHE.part" && mkdir -p "$CACHE.part" \
        && "$PY" - "$REHEARSAL_NATIVE_JAR" "$REHEARSAL_JNI_JAR" "$CACHE.part" <<'EOF' && touch "$CACHE.part/.done" && rm -rf "$CACHE" && mv "$CACHE.part" "$CACHE"
import os, sys, zipfile
native, jni, out = sys.argv[1:4]
with zipfile.ZipFile(native) as z:
    for n in z.namelist():
        if n.startswith("pytorch/cpu/linux-x86_64/") and not n.endswith("/"):
            with open(os.path.join(out, os.path.basename(n)), "wb") as f:
                f.write(z.read(n))
with zipfile.ZipFile(jni) as z, open(os.path.join(out, "libdjl_torch.so"), "wb") as f:
    f.write(z.read("jnilib/linux-x86_64/cpu/libdjl_torch.so"))
EOF
    fi
    TORCH_LIB="$CACHE"
    JNI="$CACHE/libdjl_torch.so"
  else
    TORCH_DIR="$("$PY" -c 'import importlib.util as u; print(u.find_spec("torch").submodule_search_locations[0])' 2>/dev/null)"
    if [[ -n "$TORCH_DIR" && -d "$TORCH_DIR/lib" ]]; then
      TORCH_LIB="$TORCH_DIR/lib"; SP="$(dirname "$TORCH_DIR")"
    else
      echo "python3 ($PY) has no torch package"; TORCH_LIB=""; SP="$W/no-site-packages"
    fi
    PT_VERSION="${PT_VERSION:-$("$PY" -c 'import torch; print(torch.__version__.split("+")[0])' 2>/dev/null)}"
    PT_FLAVOR="${PT_FLAVOR:-cu$("$PY" -c 'import torch; print((torch.version.cuda or "").replace(".", ""))' 2>/dev/null)}"
    JNI="$HERE/native/libdjl_torch.so"
    # torch's RUNPATH ($ORIGIN/../../nvidia/...) must resolve from the mirror too: the rest of
    # site-packages is linked beside it
    for e in "$SP"/*; do [[ -e "$e" && "$(basename "$e")" != torch ]] && ln -s "$e" "$W/$(basename "$e")"; done
    for d in "$SP"/nvidia/*/lib; do [[ -d "$d" ]] && NVLIBS="$NVLIBS:$d"; done
    # DJL's CudaUtils opens "cudart" through JNA: give it the runtime torch uses
    CUDART="$(ls "$SP"/nvidia/cu*/lib/libcudart.so.* "$SP"/nvidia/cuda_runtime/lib/libcudart.so.* 2>/dev/null | sort | tail -1)"
    [[ -n "$CUDART" ]] && ln -s "$CUDART" "$W/cudart/libcudart.so"
    echo "torch $TORCH_DIR, version $PT_VERSION, flavour $PT_FLAVOR, cudart ${CUDART:-not found}"
  fi
  EXCL=""
  if [[ -n "$TORCH_LIB" && -d "$TORCH_LIB" && -f "$JNI" ]]; then
    for f in "$TORCH_LIB"/*; do
      b="$(basename "$f")"
      [[ "$b" == *djl_torch* ]] && continue
      ln -s "$f" "$LIBDIR/$b"
      # DJL loads every library of the folder before libtorch unless excluded; keep it to what the
      # JNI links against (the others stay, for whatever loads them by name later)
      case "$b" in
        libc10.so|libc10_cuda.so|libtorch.so|libtorch_cpu.so|libtorch_cuda.so|libgomp*) ;;
        *) EXCL="${EXCL:+$EXCL,}$b" ;;
      esac
    done
    ln -s "$JNI" "$LIBDIR/libdjl_torch.so"
    RUN_LD="$LIBDIR:$W/cudart$NVLIBS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    LD_LIBRARY_PATH="$RUN_LD" ldd -r "$LIBDIR/libdjl_torch.so" > "$W/ldd.txt" 2>&1
    missing=$(grep -c 'not found' "$W/ldd.txt"); undefined=$(grep -c 'undefined symbol' "$W/ldd.txt")
    grep -E 'not found|undefined symbol' "$W/ldd.txt" | head -10
    if [[ "$MODE" == gpu && $((missing + undefined)) -gt 0 ]] && command -v g++ >/dev/null; then
      banner "the packed JNI does not link against this torch ($missing missing, $undefined undefined): building it (native/jni-build)"
      cp -r "$HERE/native/jni-build" "$W/jni-build"
      if TORCH_DIR="$TORCH_DIR" PYTHON="$PY" BUILD_DIR="$W/jni-build/build" RESULT_DIR="$RES/jni-build" \
          timeout 150 bash "$W/jni-build/build-on-gpu.sh" 2>&1 | tail -25; then
        rm -f "$LIBDIR/libdjl_torch.so"; ln -s "$W/jni-build/build/libdjl_torch.so" "$LIBDIR/libdjl_torch.so"
        LD_LIBRARY_PATH="$RUN_LD" ldd -r "$LIBDIR/libdjl_torch.so" > "$W/ldd.txt" 2>&1
        missing=$(grep -c 'not found' "$W/ldd.txt"); undefined=$(grep -c 'undefined symbol' "$W/ldd.txt")
      fi
    fi
    if [[ $((missing + undefined)) -eq 0 ]]; then
      step libtorch ok "$TORCH_LIB ($PT_VERSION $PT_FLAVOR), JNI $(readlink "$LIBDIR/libdjl_torch.so"): ldd -r clean"
    else
      step libtorch failed "JNI against $TORCH_LIB: $missing libraries not found, $undefined undefined symbols ($W/ldd.txt)"
    fi
  else
    RUN_LD="${LD_LIBRARY_PATH:-}"
    step libtorch failed "no libtorch (${TORCH_LIB:-?}) or JNI (${JNI:-?}) found$([[ "$MODE" == rehearsal ]] && echo ': pack here after a Maven build that has the CPU natives')"
  fi

  # ---------------------------------------------------------------- Java settings
  JOPTS=(-Xmx"${JAVA_HEAP:-$([[ "$MODE" == gpu ]] && echo 16g || echo 1g)}" -XX:+UseG1GC -XX:-UsePerfData
    --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
    "-Djna.library.path=$W/cudart" "-Djna.tmpdir=$W/tmp" "-Djava.io.tmpdir=$W/tmp"
    "-XX:ErrorFile=$RES/hs_err_%p.log"
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS
    -Dorg.slf4j.simpleLogger.log.ai.djl.pytorch.jni.LibUtils=debug
    -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=debug)
  [[ "${JAVA_MAJOR:-0}" -ge 23 ]] 2>/dev/null && JOPTS+=(--sun-misc-unsafe-memory-access=allow)
  java_run() { # TIMEOUT MAIN-ARGS...
    local t="$1"; shift
    env PYTORCH_LIBRARY_PATH="$LIBDIR" PYTORCH_VERSION="$PT_VERSION" PYTORCH_FLAVOR="$PT_FLAVOR" \
        PYTORCH_LIBRARY_EXCLUSION="$EXCL" LD_LIBRARY_PATH="$RUN_LD" OMP_WAIT_POLICY=PASSIVE \
        DJL_CACHE_DIR="$W/djl-cache" ENGINE_CACHE_DIR="$W/djl-cache" \
      timeout -k 5 "$t" "$JAVA" "${JOPTS[@]}" -cp "$HERE/harness:$HERE/lib/*" GpuCheck "$@"
  }

  # ---------------------------------------------------------------- model directory
  banner "model directory"
  MODEL="$W/model"
  if [[ "$SHAPE" == tiny ]]; then
    # the rehearsal's tiny model, made on the tiny base by the project's own classes
    java_run 300 make-model --base "$BASE" --out "$MODEL" --like "$HERE/model" 2>&1 | tail -5
    rc=${PIPESTATUS[0]}
    [[ $rc -eq 0 && -f "$MODEL/model.json" ]] && step model ok "tiny model made on the tiny base ($MODEL)" \
      || step model failed "GpuCheck make-model exit $rc"
  else
    mkdir -p "$MODEL" && cp "$HERE/model/adapter.safetensors" "$MODEL/"
    if "$PY" - "$HERE/model/model.json" "$MODEL/model.json" "$BASE" "$BASE_SHA" <<'EOF'
import json, sys
src, dst, base, sha = sys.argv[1:5]
m = json.load(open(src, encoding="utf-8"))
m["base"]["id"] = base
m["base"]["sha256"] = sha
json.dump(m, open(dst, "w", encoding="utf-8"), indent=2)
EOF
    then step model ok "models/default's adapter and heads on the random base ($MODEL)"
    else step model failed "cannot write $MODEL/model.json"; fi
  fi

  # ---------------------------------------------------------------- Java check
  JT=$(( $(left) - $([[ "$MODE" == gpu ]] && echo 80 || echo 45) ))
  (( JT > $([[ "$MODE" == gpu ]] && echo 150 || echo 300) )) && JT=$([[ "$MODE" == gpu ]] && echo 150 || echo 300)
  if [[ "$MODE" == gpu ]]; then
    JARGS=(--device gpu --batches 256,1024,4096 --config-seconds 6 --ref-budget-s 45 --oversize-texts 32768)
  else
    JARGS=(--device cpu --batches 256,1024,4096 --config-seconds 1 --ref-budget-s 30 --oversize-texts 64)
  fi
  [[ -n "$LIMIT" ]] && JARGS+=(--limit "$LIMIT")
  banner "Java: the project's Classifier, CPU fp32 reference then $([[ "$MODE" == gpu ]] && echo 'GPU fp16' || echo 'the same phases on CPU') (timeout ${JT}s)"
  if (( JT < 30 )); then
    step java failed "no time left (${JT}s)"
  else
    java_run "$JT" --model "$MODEL" --headlines "$HERE/data/headlines.csv" --out "$RES/java.jsonl" \
      --deadline-s $(( JT - 25 )) "${JARGS[@]}" > >(tee -a "$RES/java.log") 2>&1
    rc=$?
    sleep 1  # let tee finish
    case $rc in
      0) step java ok "every phase ran" ;;
      3) step java failed "a phase failed: see the error events in java.jsonl and java.log" ;;
      2) step java failed "the engine or the setup failed: nothing was measured (java.log)" ;;
      124|137) step java failed "timed out after ${JT}s, or killed (java.log has what ran)" ;;
      *) step java failed "JVM exit $rc (crash? hs_err_*.log in $RES)" ;;
    esac
    # A JVM that died before the device phase (a crash in the CPU reference, say) would leave no
    # device figure at all: run the device phases once more without the reference, if time allows.
    JT2=$(( $(left) - $([[ "$MODE" == gpu ]] && echo 50 || echo 10) ))
    (( JT2 > 120 )) && JT2=120
    if [[ $rc -ne 0 && $rc -ne 2 && $rc -ne 3 ]] && ! grep -q '"event":"accelerator_loaded"' "$RES/java.jsonl" 2>/dev/null; then
      if (( JT2 >= 45 )); then
        banner "Java again, device phases only, no CPU reference (timeout ${JT2}s)"
        java_run "$JT2" --model "$MODEL" --headlines "$HERE/data/headlines.csv" --out "$RES/java.jsonl" \
          --deadline-s $(( JT2 - 20 )) --no-reference "${JARGS[@]}" > >(tee -a "$RES/java.log") 2>&1
        rc2=$?
        sleep 1
        [[ $rc2 -eq 0 ]] && step java-retry ok "device phases without the CPU reference (no parity)" \
          || step java-retry failed "exit $rc2"
      else
        step java-retry skipped "no time left for a run without the CPU reference (${JT2}s)"
      fi
    fi
  fi

  # ---------------------------------------------------------------- LoRA training step
  TT=$(( $(left) - $([[ "$MODE" == gpu ]] && echo 55 || echo 10) ))
  (( TT > 60 )) && TT=60
  banner "LoRA training steps on the CPU and $([[ "$MODE" == gpu ]] && echo 'the GPU' || echo 'the CPU again') (timeout ${TT}s)"
  if (( TT < 20 )); then
    step training failed "no time left (${TT}s)"
  else
    TARGS=(--device "$([[ "$MODE" == gpu ]] && echo gpu || echo cpu)")
    [[ "$MODE" == gpu ]] && TARGS+=(--steps 6 --speed-steps 40) || TARGS+=(--steps 3 --speed-steps 2 --batch 8)
    java_run "$TT" train-check --model "$MODEL" --headlines "$HERE/data/headlines.csv" \
      --out "$RES/java.jsonl" "${TARGS[@]}" > >(tee -a "$RES/java.log") 2>&1
    rc=$?
    sleep 1
    case $rc in
      0) step training ok "losses match within 1e-3 relative" ;;
      3) step training failed "losses differ or a step failed (java.jsonl: event training)" ;;
      124|137) step training failed "timed out after ${TT}s" ;;
      *) step training failed "JVM exit $rc" ;;
    esac
  fi

  # ---------------------------------------------------------------- PyTorch anchor
  PT=$(( $(left) - 10 ))
  banner "PyTorch eager on the same encoder and batches (timeout ${PT}s)"
  if ! "$PY" -c 'import torch, transformers, tokenizers' 2>/dev/null; then
    if [[ "$MODE" == rehearsal ]]; then
      step pytorch skipped "python3 here has no torch/transformers: the PyTorch anchor runs on the GPU host only"
    else
      step pytorch failed "python3 ($PY) cannot import torch, transformers and tokenizers"
    fi
  elif (( PT < 20 )); then
    step pytorch failed "no time left (${PT}s)"
  else
    PARGS=(--device cuda --dtype fp16 --seconds 2)
    [[ "$MODE" == rehearsal ]] && PARGS=(--device cpu --dtype fp32 --seconds 0.2)
    [[ -n "$LIMIT" ]] && PARGS+=(--limit "$LIMIT")
    timeout -k 5 "$PT" "$PY" "$HERE/scripts/py_anchor.py" --headlines "$HERE/data/headlines.csv" \
      --tokenizer "$HERE/data/bge-small-en-v1.5-tokenizer.json" --base "$BASE" \
      --out "$RES/py-anchor.jsonl" --batches 256,1024,4096 "${PARGS[@]}" 2>&1
    rc=$?
    [[ $rc -eq 0 ]] && step pytorch ok "${PARGS[*]}" || step pytorch failed "py_anchor.py exit $rc"
  fi

  # ---------------------------------------------------------------- summary
  banner "summary ($RES/gpu.json)"
  "$PY" "$HERE/scripts/summarize.py" "$RES" "mode=$MODE" "shape=$SHAPE" "seconds=$(elapsed)" \
    || { echo "summarize.py failed"; return 1; }
  # the work dir (runtime, base, libtorch links: 150 MB with the full model) is rebuilt by every
  # run; removing it keeps the pack small enough to travel again. KEEP_WORK=1 keeps it.
  [[ "${KEEP_WORK:-0}" == 1 ]] || rm -rf "$W"
  failed && return 1
  return 0
}

main 2>&1 | tee -a "$RES/run.log"
exit "${PIPESTATUS[0]}"
