#!/bin/sh
# Runs one validator of the desktop integration files, the way distributions and Flathub do.
# Usage: validate.sh CHECK TOOL FILE...
# TOOL is the validator's full path from meson's find_program(), or empty when it is not
# installed: then the check is skipped (exit 77) with a message saying what to install.
set -eu

check=$1
tool=$2
shift 2

if [ -z "$tool" ]; then
  echo "SKIP: the validator for '$check' is not installed (tools/install-deps installs it)"
  exit 77
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT

case $check in
  desktop)
    # desktop-file-validate prints hints and errors but exits 0 on hints: fail on any output
    # but hints, so that a deprecated key does not slip in.
    "$tool" "$1" >"$out" 2>&1 || { cat "$out"; exit 1; }
    cat "$out"
    if grep -v ': hint: ' "$out" | grep -q .; then
      exit 1
    fi
    ;;
  metainfo)
    # --strict fails on errors, warnings and infos alike; pedantic notes (the app id has the
    # capitals that its reverse-DNS form needs) are not shown.
    "$tool" validate --no-net --strict "$1"
    ;;
  gschema)
    "$tool" --strict --dry-run "$1"
    ;;
  flatpak)
    # flatpak-builder keeps a state directory in the working directory: use a throwaway one.
    manifest=$1
    app_id=$2
    dir=$(mktemp -d)
    trap 'rm -f "$out"; rm -rf "$dir"' EXIT
    (cd "$dir" && "$tool" --show-manifest "$manifest") >"$out" 2>"$dir/stderr" || {
      cat "$dir/stderr"; exit 1; }
    # Unknown properties are only warnings for flatpak-builder: they are mistakes here.
    if [ -s "$dir/stderr" ]; then
      cat "$dir/stderr"
      exit 1
    fi
    # The manifest must build this application: its id and command, on the GNOME runtime.
    for want in "\"id\" : \"$app_id\"" '"command" : "dagprijzen"' \
                '"runtime" : "org.gnome.Platform"' '"sdk" : "org.gnome.Sdk"' \
                '"buildsystem" : "meson"'; do
      if ! grep -qF "$want" "$out"; then
        echo "the manifest lacks $want"
        exit 1
      fi
    done
    # Only the permissions the application needs (see README): nothing that opens the home
    # directory, the session bus or the host file system to the sandbox.
    if grep -E -- '--(filesystem|socket=session-bus|socket=system-bus|device=all|socket=x11)' "$out"; then
      echo "the manifest asks for more than the application needs"
      exit 1
    fi
    echo "manifest parsed: $manifest"
    ;;
  *)
    echo "unknown check $check"
    exit 2
    ;;
esac
