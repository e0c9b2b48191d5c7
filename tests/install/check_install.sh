#!/usr/bin/env bash
# check_install.sh BUILD SCRATCH - jobc as a user installs it.
#
#   1. cmake --install BUILD --prefix SCRATCH/prefix: the program, its man
#      page and the bash, zsh and fish completions where those shells look;
#      the installed jobc runs and says its version and commit; the man page
#      renders; each completion script loads in its shell and completes jobc;
#      the editor files are in share/jobc/editors (vim/, vscode/, README.md).
#   2. cpack -G DEB: the package's Depends name the Debian package of every
#      shared library the binary needs (found with dpkg -S, not assumed);
#      unpacked with dpkg-deb -x into a temporary root, its jobc runs, its
#      man page renders, and the editor files are there.
set -euo pipefail
build=$(cd "$1" && pwd)
scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
fail=0
die() { echo "FAIL: $*" >&2; fail=1; }
# a command that stops the script says where (set -e alone stops in silence)
trap 'echo "FAIL: line $LINENO: a command exited with status $?" >&2' ERR
# No reader of a pipe here stops early (grep -q, head, awk's exit): under
# pipefail the writer's SIGPIPE would fail the pipe, and ldconfig -p's
# output outgrows the pipe's buffer on a machine with many libraries.

# the man page, rendered as man would (man -l when man-db is there, else groff)
render_man() {
  if command -v man >/dev/null; then
    MANPAGER=cat MANWIDTH=80 man -l "$1" 2>/dev/null
  else
    groff -man -Tutf8 -P-cbu "$1" 2>/dev/null  # no bold or underline: plain text
  fi
}

# the editor files under PREFIX/share/jobc/editors
editors_ok() {
  local f
  for f in README.md vim/ftdetect/job.vim vim/ftplugin/job.vim vim/indent/job.vim vim/syntax/job.vim \
           vscode/package.json vscode/extension.js vscode/language-configuration.json \
           vscode/syntaxes/job.tmLanguage.json; do
    [ -f "$1/share/jobc/editors/$f" ] || die "$2 has no share/jobc/editors/$f"
  done
}

version_ok() {
  local out
  out=$("$1" --version) || { die "$1 --version failed"; return; }
  [[ $out =~ ^jobc\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ [0-9a-f]{7,}(-dirty)?\)$|^jobc\ [0-9.]+\ \(commit\ unknown\)$ ]] ||
    die "$1 --version says '$out', not 'jobc X.Y.Z (commit ...)'"
}

# ---- 1. cmake --install ------------------------------------------------------
p=$scratch/prefix
cmake --install "$build" --prefix "$p" >/dev/null
for f in bin/jobc share/man/man1/jobc.1 share/bash-completion/completions/jobc \
         share/zsh/site-functions/_jobc share/fish/vendor_completions.d/jobc.fish; do
  [ -f "$p/$f" ] || die "cmake --install did not install $f"
done
version_ok "$p/bin/jobc"
editors_ok "$p" "cmake --install"
page=$(render_man "$p/share/man/man1/jobc.1") || true  # no grep -q in a pipe: SIGPIPE under pipefail
[[ $page == *"jobc build"* ]] || die "the installed man page does not render"
# each shell loads its completion and completes jobc's commands
out=$(bash -c "source '$p/share/bash-completion/completions/jobc' && complete -p jobc")
[[ $out == *jobc* ]] || die "bash: no completion for jobc after loading the file"
if command -v zsh >/dev/null; then
  zsh -fc "fpath=('$p/share/zsh/site-functions' \$fpath); autoload -Uz compinit && compinit -u && (( \$+_comps[jobc] ))" ||
    die "zsh: _jobc in site-functions is not the completion of jobc"
else
  echo "zsh is not installed: its completion is not checked" >&2
fi
if command -v fish >/dev/null; then
  out=$(fish --no-config -c "source '$p/share/fish/vendor_completions.d/jobc.fish'; complete -C 'jobc bui'")
  [[ $out == build* ]] || die "fish: 'jobc bui' does not complete to build: '$out'"
else
  echo "fish is not installed: its completion is not checked" >&2
fi

# ---- 2. the Debian package ---------------------------------------------------
if ! command -v dpkg-deb >/dev/null || ! command -v cpack >/dev/null; then
  echo "dpkg-deb or cpack is missing: the .deb is not checked" >&2
  exit $fail
fi
(cd "$scratch" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/deb" >/dev/null)
deb=$(ls "$scratch"/deb/*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
# every shared library the binary needs comes from a package the .deb names
for lib in $(objdump -p "$build/jobc" | awk '/NEEDED/ {print $2}'); do
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !p {p = $NF} END {print p}')
  [ -n "$path" ] || { die "$lib: not found by ldconfig"; continue; }
  pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n '1s/:.*//p') ||
    pkg=$(dpkg -S "$path" 2>/dev/null | sed -n '1s/:.*//p') || true
  [ -n "$pkg" ] || { die "$lib ($path): no Debian package owns it"; continue; }
  [[ ", $depends," == *", $pkg "* || ", $depends," == *", $pkg,"* ]] ||
    die "the binary needs $lib from $pkg, but the .deb's Depends is '$depends'"
done
root=$scratch/root
dpkg-deb -x "$deb" "$root"
[ -x "$root/usr/bin/jobc" ] || die "the .deb has no /usr/bin/jobc"
version_ok "$root/usr/bin/jobc"
page=$(render_man "$root/usr/share/man/man1/jobc.1") || true
[[ $page == *"jobc build"* ]] || die "the .deb's man page does not render"
[ -f "$root/usr/share/bash-completion/completions/jobc" ] || die "the .deb has no bash completion"
editors_ok "$root/usr" "the .deb"
exit $fail
