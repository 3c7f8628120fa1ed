#!/usr/bin/env bash
# doc_browser_test.sh HUBCTL REPO_ROOT: the page `hubctl mappings doc` writes, opened in a real
# headless browser (Debian's chromium) with no network: it renders (a screenshot is taken; kept
# in $OMNIHUB_SCREENSHOT_DIR when set), its diagram and field table are in the DOM, and its
# filter script runs (#filter=phone hides every field group without "phone").
# Exits 77 (skipped) when chromium is not installed.
set -euo pipefail

HUBCTL="$1"
ROOT="$2"
CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "${CHROMIUM}" ]]; then
  echo "skipped: chromium is not installed"
  exit 77
fi
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
cd "${ROOT}"

"${HUBCTL}" mappings doc -o "${WORK}/landscape.html" --config config/hubd-simulators.xml
# A fresh profile, no network: the page must need nothing from outside.
browse() {
  timeout 90 "${CHROMIUM}" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="${WORK}/profile" --proxy-server=127.0.0.1:9 \
    --hide-scrollbars --window-size=1400,2200 "$@" 2>"${WORK}/chromium.log"
}

browse --screenshot="${WORK}/landscape.png" "file://${WORK}/landscape.html" >/dev/null
if [[ "$(head -c 8 "${WORK}/landscape.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]]; then
  echo "FAIL: no PNG screenshot"; cat "${WORK}/chromium.log"; exit 1
fi
size=$(stat -c %s "${WORK}/landscape.png")
if ((size < 20000)); then
  echo "FAIL: the screenshot is ${size} bytes: an empty page?"; exit 1
fi
echo "ok: screenshot ${size} bytes"
if [[ -n "${OMNIHUB_SCREENSHOT_DIR:-}" ]]; then cp "${WORK}/landscape.png" "${OMNIHUB_SCREENSHOT_DIR}/"; fi

browse --dump-dom "file://${WORK}/landscape.html#filter=phone" >"${WORK}/dom.html"
failures=0
check() {
  if grep -Eq -- "$2" "${WORK}/dom.html"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi
}
check "the page rendered its title" '<h1>Omnihub mapping landscape</h1>'
if command -v dot >/dev/null 2>&1; then check "the diagram is in the page" '<svg '; fi
check "the phone group stays visible" '<tbody class="field" data-field="customer.phone" data-text="[^"]*">'
check "other groups are hidden by the filter script" '<tbody class="field" data-field="customer.email" data-text="[^"]*" hidden="">'
if ((failures > 0)); then exit 1; fi
echo "all passed"
