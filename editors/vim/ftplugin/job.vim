" Vim filetype plugin: jobc (.job files)
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal iskeyword+=-
setlocal formatoptions-=t formatoptions+=croql
" gq through jobc fmt, which reads standard input (gggqG: the whole file)
setlocal formatprg=jobc\ fmt\ -

let b:undo_ftplugin = "setlocal comments< commentstring< expandtab< shiftwidth< softtabstop<"
      \ . " iskeyword< formatoptions< formatprg<"
