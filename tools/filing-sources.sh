#!/usr/bin/env bash
# Puts the EDGAR filing documents that the filing-sentences experiment of models/default/MODEL_CARD.md
# was built from into DIR (default .filing-sources/edgartools-<commit>, git-ignored), read from a
# clone of https://github.com/dgunning/edgartools at the pinned commit. The repository is MIT
# licensed; the documents are its test fixtures: 10-K, 10-Q and 8-K filings (with one earnings
# press-release exhibit, EX-99.1) from SEC EDGAR, public information. Never commit DIR or what
# `./finpulse model filing-sentences` writes from it.
#
#   git clone https://github.com/dgunning/edgartools /tmp/edgartools
#   tools/filing-sources.sh /tmp/edgartools
#   ./finpulse model filing-sentences --source .filing-sources/edgartools-ca5a700 --out .train-filings
set -euo pipefail
COMMIT=ca5a70094da7fc34890161dae9c256bb1f4c3d26
[[ $# -ge 1 && -d "$1" ]] || { echo "usage: tools/filing-sources.sh EDGARTOOLS_CLONE [DIR]" >&2; exit 2; }
CLONE=$1
DIR=${2:-"$(cd "$(dirname "$0")/.." && pwd)/.filing-sources/edgartools-${COMMIT:0:7}"}
git -C "$CLONE" cat-file -e "$COMMIT^{commit}" 2>/dev/null || {
  echo "$CLONE does not hold commit $COMMIT (git -C $CLONE fetch origin first)" >&2; exit 1; }
FILES=(
  data/form8k.Nordstrom.html
  data/html/BuckleInc.8-K.EX99.1.html
  data/xbrl/datafiles/aeon/aeon-20230930x10q.htm
  tests/fixtures/html/aapl/10k/aapl-10-k-2024-11-01.html
  tests/fixtures/html/aapl/10q/aapl-10-q-2025-08-01.html
  tests/fixtures/html/abbv/10k/abbv-10-k-2025-02-14.html
  tests/fixtures/html/adbe/10k/adbe-10-k-2025-01-13.html
  tests/fixtures/html/amzn/10k/amzn-10-k-2025-02-07.html
  tests/fixtures/html/ba/10k/ba-10-k-2025-02-03.html
  tests/fixtures/html/ba/10q/ba-10-q-2025-07-29.html
  tests/fixtures/html/crm/10k/crm-10-k-2025-03-05.html
  tests/fixtures/html/googl/10k/googl-10-k-2025-02-05.html
  tests/fixtures/html/hd/10k/hd-10-k-2025-03-21.html
  tests/fixtures/html/hubs/10q/hubs-10-q-2025-08-06.html
  tests/fixtures/html/ibm/10k/ibm-10-k-2025-02-25.html
  tests/fixtures/html/ibm/10q/ibm-10-q-2025-07-24.html
  tests/fixtures/html/jnj/10k/jnj-10-k-2025-02-13.html
  tests/fixtures/html/jnj/10q/jnj-10-q-2025-07-24.html
  tests/fixtures/html/ko/10k/ko-10-k-2025-02-20.html
  tests/fixtures/html/ko/10q/ko-10-q-2025-07-24.html
  tests/fixtures/html/ma/10k/ma-10-k-2025-02-12.html
  tests/fixtures/html/meta/10k/meta-10-k-2025-01-30.html
  tests/fixtures/html/nflx/10k/nflx-10-k-2025-01-27.html
  tests/fixtures/html/nflx/10q/nflx-10-q-2025-07-18.html
  tests/fixtures/html/nke/10k/nke-10-k-2025-07-17.html
  tests/fixtures/html/nvda/10k/nvda-10-k-2025-02-26.html
  tests/fixtures/html/nvda/10q/nvda-10-q-2025-08-27.html
  tests/fixtures/html/pg/10k/pg-10-k-2025-08-04.html
  tests/fixtures/html/pg/10q/pg-10-q-2025-04-24.html
  tests/fixtures/html/tsla/10k/tsla-10-k-2025-01-30.html
  tests/fixtures/html/tsla/10q/tsla-10-q-2025-07-24.html
  tests/fixtures/html/unh/10k/unh-10-k-2025-02-27.html
  tests/fixtures/html/unp/10k/unp-10-k-2025-02-07.html
  tests/fixtures/html/unp/10q/unp-10-q-2025-07-24.html
  tests/fixtures/html/v/10k/v-10-k-2024-11-13.html
  tests/fixtures/html/wfc/10k/wfc-10-k-2025-02-25.html
  tests/fixtures/html/wmt/10k/wmt-10-k-2025-03-14.html
  tests/fixtures/html/xom/10q/xom-10-q-2025-08-04.html
  tests/fixtures/parity_gate/10-K/0000950153-99-001234.html
  tests/fixtures/parity_gate/10-K/0001193125-10-073212.html
  tests/fixtures/parity_gate/10-K/0001376474-16-000635.html
  tests/fixtures/parity_gate/8-K/0000887919-21-000012.html
  tests/fixtures/parity_gate/8-K/0001104659-03-004925.html
  tests/fixtures/parity_gate/8-K/0001437749-16-028287.html
)
missing=0
for f in "${FILES[@]}"; do
  mkdir -p "$DIR/$(dirname "$f")"
  if ! git -C "$CLONE" show "$COMMIT:$f" > "$DIR/$f" 2>/dev/null; then
    echo "missing in the clone: $f" >&2; rm -f "$DIR/$f"; missing=$((missing + 1))
  fi
done
echo "$(( ${#FILES[@]} - missing )) of ${#FILES[@]} documents in $DIR"
[[ $missing -eq 0 ]]
