# Shared by script/test and script/server (sourced): step banners with timing.
# shellcheck shell=bash

# emcc's JS optimizer needs Debian's acorn (TOOLCHAIN.md quirk 1).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

if [ -t 1 ]; then
  BOLD=$'\033[1m' RED=$'\033[1;31m' GREEN=$'\033[1;32m' RESET=$'\033[0m'
else
  BOLD='' RED='' GREEN='' RESET=''
fi

STEP_NAME=""
STEP_START=0
SCRIPT_START=$(date +%s)

step() {  # step "name": closes the previous step and opens a new one
  end_step
  STEP_NAME=$1
  STEP_START=$(date +%s)
  printf '\n%s==> %s%s\n' "$BOLD" "$STEP_NAME" "$RESET"
}

end_step() {
  if [ -n "$STEP_NAME" ]; then
    printf '%s<== %s: %ss%s\n' "$BOLD" "$STEP_NAME" "$(($(date +%s) - STEP_START))" "$RESET"
    STEP_NAME=""
  fi
}

on_exit() {
  local status=$?
  if [ $status -ne 0 ] && [ -n "$STEP_NAME" ]; then
    printf '\n%sFAILED at step "%s" (exit %s) after %ss%s\n' \
      "$RED" "$STEP_NAME" "$status" "$(($(date +%s) - STEP_START))" "$RESET" >&2
  fi
}
trap on_exit EXIT

finish() {  # finish "message"
  end_step
  printf '\n%s%s in %ss%s\n' "$GREEN" "$1" "$(($(date +%s) - SCRIPT_START))" "$RESET"
}
