" vim.vim - the Vim files of editors/vim, in a headless Vim (or Neovim).
" Run by vim.sh, which sets JOBC_VIM_RTP (editors/vim), JOBC_REPO and
" JOBC_VIM_OUT (where the failures are written, one a line).
"
"   - *.job is filetype job (ftdetect), with commentstring '# %s', two-space
"     indentation and formatprg 'jobc fmt -' (ftplugin);
"   - the syntax group at known places of tests/editors/sample.job: each
"     place is found by its text, so that the sample can grow;
"   - indent: gg=G leaves the sample, examples/ and stdlib/ (all in jobc
"     fmt's form) as they are, """ strings included.
let s:fails = []
function! s:Fail(msg) abort
  call add(s:fails, a:msg)
endfunction

exe 'set rtp^=' . fnameescape($JOBC_VIM_RTP)
syntax on
filetype plugin indent on
exe 'edit ' . fnameescape($JOBC_REPO . '/tests/editors/sample.job')

for [opt, want] in [['filetype', 'job'], ['commentstring', '# %s'], ['shiftwidth', 2],
      \ ['expandtab', 1], ['formatprg', 'jobc fmt -']]
  if eval('&l:' . opt) !=# want
    call s:Fail(printf('&%s is "%s", not "%s"', opt, eval('&l:' . opt), want))
  endif
endfor

" [line text to find, the text in it, offset into that text, the group,
"  a group that must be in the syntax stack there, or '']
let s:checks = [
      \ ['^# sample.job', '#', 0, 'jobComment', ''],
      \ ['^include ', 'include', 0, 'jobInclude', ''],
      \ ['^include ', '"std', 1, 'jobString', ''],
      \ ['^param tag', 'param', 0, 'jobDeclaration', ''],
      \ ['^param tag', 'tag', 0, 'jobConstant', ''],
      \ ['^let sizes', '4Gi', 0, 'jobNumber', ''],
      \ ['^let sizes', '4Gi', 2, 'jobNumber', ''],
      \ ['^let sizes', '0x10', 2, 'jobNumber', ''],
      \ ['^template etl', 'template', 0, 'jobDeclaration', ''],
      \ ['^template etl', 'etl', 0, 'jobName', ''],
      \ ['^  image = "${registry}', 'image', 0, 'jobField', ''],
      \ ['^  image = "${registry}', '"${', 0, 'jobString', ''],
      \ ['^  image = "${registry}', '${', 0, 'jobInterpDelim', 'jobInterp'],
      \ ['^  image = "${registry}', 'registry', 2, 'jobIdent', 'jobInterp'],
      \ ['^  image = "${registry}', '/etl:', 1, 'jobString', ''],
      \ ['--tab', '\t', 0, 'jobEscape', 'jobString'],
      \ ['--tab', '$${', 0, 'jobDollar', 'jobString'],
      \ ['--tab', '\u{e9}', 3, 'jobEscape', 'jobString'],
      \ ['^  restart', 'never', 0, 'jobEnum', ''],
      \ ['^  labels', '"app.kubernetes.io/name"', 5, 'jobString', ''],
      \ ['^  labels', 'team', 0, 'jobField', ''],
      \ ['^for t', 'for', 0, 'jobRepeat', ''],
      \ ['^for t', ' in ', 1, 'jobRepeat', ''],
      \ ['^  job "etl', 'job', 0, 'jobDeclaration', ''],
      \ ['^  job "etl', 'etl(', 0, 'jobCall', ''],
      \ ['^    deadline = 1h30m', '1h30m', 0, 'jobNumber', ''],
      \ ['^    deadline = 1h30m', '1h30m', 4, 'jobNumber', ''],
      \ ['^    resources', '500m', 3, 'jobNumber', ''],
      \ ['^    resources', '..', 0, 'jobOperator', ''],
      \ ['^      DB_PASSWORD', 'secret', 0, 'jobBuiltin', ''],
      \ ['^      LEVEL', 'default', 0, 'jobBuiltin', ''],
      \ ['^      LEVEL', 'null', 0, 'jobNull', ''],
      \ ['^    volume scratch', 'volume', 0, 'jobField', ''],
      \ ['^    volume scratch', 'scratch', 0, 'jobLabel', ''],
      \ ['^      empty-dir', 'empty-dir', 6, 'jobField', ''],
      \ ['^      empty-dir', 'true', 0, 'jobBoolean', ''],
      \ ['^    if n', 'if', 0, 'jobConditional', ''],
      \ ['^    if n', '&&', 0, 'jobOperator', ''],
      \ ['^    } else', 'else', 0, 'jobConditional', ''],
      \ ['^      parallelism = 0b11', '0b11', 3, 'jobNumber', ''],
      \ ['^    args +=', '+=', 0, 'jobOperator', ''],
      \ ['^    args +=', '"users"', 1, 'jobString', 'jobInterp'],
      \ ['^  args = \["""', '"""', 0, 'jobTripleString', ''],
      \ ['^    echo "at', 'echo', 0, 'jobTripleString', ''],
      \ ['^    echo "at', 'registry', 0, 'jobIdent', 'jobInterp'],
      \ ['^    echo "at', '# not', 0, 'jobTripleString', ''],
      \ ['^    echo "\$\${', '$${', 0, 'jobDollar', 'jobTripleString'],
      \ ['^    echo "\$\${', '\n', 0, 'jobTripleString', ''],
      \ ['^    """\]', '"""', 2, 'jobTripleString', ''],
      \ ['^  security', '1_000', 2, 'jobNumber', ''],
      \ ['^  volume cfg', '0o644', 4, 'jobNumber', ''],
      \ ['^  volume cfg', 'default-mode', 0, 'jobField', ''],
      \ ]
for [line, text, off, group, inside] in s:checks
  let lnum = search(line, 'cw')
  let col = stridx(getline(lnum), text) + 1
  if lnum == 0 || col == 0
    call s:Fail(printf('the sample has no line /%s/ holding "%s"', line, text))
    continue
  endif
  let col += off
  let got = synIDattr(synID(lnum, col, 1), 'name')
  let stack = map(synstack(lnum, col), 'synIDattr(v:val, "name")')
  if got !=# group || (inside !=# '' && index(stack, inside) < 0)
    call s:Fail(printf('sample.job:%d:%d ("%s"): %s (in %s), not %s%s', lnum, col, text, got,
          \ join(stack, ' > '), group, inside ==# '' ? '' : ' in ' . inside))
  endif
endfor

let s:files = [$JOBC_REPO . '/tests/editors/sample.job']
      \ + glob($JOBC_REPO . '/examples/**/*.job', 0, 1) + glob($JOBC_REPO . '/stdlib/**/*.job', 0, 1)
for f in s:files
  exe 'edit! ' . fnameescape(f)
  let before = getline(1, '$')
  silent normal! gg=G
  let after = getline(1, '$')
  let i = 0
  while i < len(before)
    if before[i] !=# after[i]
      call s:Fail(printf('%s:%d: gg=G indents "%s" as "%s"', fnamemodify(f, ':.'), i + 1, before[i], after[i]))
      break
    endif
    let i += 1
  endwhile
endfor
if len(s:files) < 10
  call s:Fail('only ' . len(s:files) . ' files indented: the glob missed examples/ or stdlib/')
endif

call writefile(s:fails, $JOBC_VIM_OUT)
qall!
