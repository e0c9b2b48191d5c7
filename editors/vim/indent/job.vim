" Vim indent file: jobc (.job files): two spaces a level, as jobc fmt
" writes; a line after one that opens {, [ or ( is indented one more, a
" line that starts by closing one is indented one less; the lines of a
" """ string keep theirs (its text is a script: its indentation is its own).
if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal indentexpr=JobIndent(v:lnum) indentkeys=0},0],0),!^F,o,O,e
setlocal autoindent
let b:undo_indent = "setlocal indentexpr< indentkeys< autoindent<"

if exists("*JobIndent")
  finish
endif

function! s:InTriple(lnum) abort
  let names = map(synstack(a:lnum, max([1, indent(a:lnum)])), 'synIDattr(v:val, "name")')
  return index(names, 'jobTripleString') >= 0
endfunction

function! JobIndent(lnum) abort
  if s:InTriple(a:lnum)
    return indent(a:lnum)
  endif
  " the line before, or the one where the """ string it ends began
  let prev = prevnonblank(a:lnum - 1)
  while prev > 1 && s:InTriple(prev)
    let prev = prevnonblank(prev - 1)
  endwhile
  if prev == 0
    return 0
  endif
  " the previous line without its comment (a '#' outside quotes)
  let line = substitute(getline(prev), '\v^([^"#]|"([^"\\]|\\.)*")*\zs#.*$', '', '')
  let ind = indent(prev)
  if line =~ '[{[(]\s*$'
    let ind += shiftwidth()
  endif
  if getline(a:lnum) =~ '^\s*[}\])]'
    let ind -= shiftwidth()
  endif
  return ind < 0 ? 0 : ind
endfunction
