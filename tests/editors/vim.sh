#!/bin/sh
# vim.sh REPO SCRATCH - runs vim.vim in a headless Vim (Neovim when there is
# no Vim) and prints its failures; exit 77 (skipped) when neither is there.
set -eu
repo=$1
out=$2/vim-failures.txt
mkdir -p "$2"
rm -f "$out"
if command -v vim >/dev/null; then
  editor="vim -Nu NONE -i NONE -es"
elif command -v nvim >/dev/null; then
  editor="nvim --clean --headless -es"
else
  echo "SKIP: neither vim nor nvim is installed"
  exit 77
fi
JOBC_VIM_RTP=$repo/editors/vim JOBC_REPO=$repo JOBC_VIM_OUT=$out \
  $editor -S "$repo/tests/editors/vim.vim" </dev/null || true
if [ ! -f "$out" ]; then
  echo "FAIL: $editor did not finish tests/editors/vim.vim"
  exit 1
fi
if [ -s "$out" ]; then
  sed 's/^/FAIL: /' "$out"
  exit 1
fi
echo "vim: filetype, options, syntax groups and indentation as expected"
