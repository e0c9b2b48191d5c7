" Vim syntax file
" Language:     jobc (.job files: Kubernetes Jobs)
" The lexical classes are those of jobc's scanner (grammar/jobc.l); the
" keywords are grammar/keywords.def's, the builtins those of
" compiler/front/eval_builtins.c, the enum words those of docs/fields.md
" (tests/editors/textmate.js checks the three lists).

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" a name may hold '-': retries-per-index is one word
syn iskeyword @,48-57,_,-
syn case match

" Names first, whole, so that no rule starts inside one (the 1 of a-1).
syn match jobIdent '\%([A-Za-z0-9_]\)\@1<!\h[A-Za-z0-9_-]*'
syn match jobEnum '\%([A-Za-z0-9_]\)\@1<!\%(cluster-first-with-host-net\|when-terminating-or-failed\|fallback-to-logs-on-error\|preempt-lower-priority\|directory-or-create\|prefer-no-schedule\|host-to-container\|on-root-mismatch\|runtime-default\|file-or-create\|if-not-present\|bidirectional\|cluster-first\|block-device\|digitalocean\|mount-option\|char-device\|if-possible\|no-schedule\|when-failed\|fail-index\|no-execute\|on-failure\|unconfined\|directory\|localhost\|recursive\|terraform\|unchecked\|disabled\|fail-job\|unmasked\|default\|enabled\|replace\|windows\|always\|exists\|forbid\|ignore\|pulumi\|socket\|strict\|allow\|count\|equal\|https\|linux\|merge\|never\|civo\|file\|hash\|http\|none\|sctp\|tofu\|aks\|eks\|gke\|tcp\|udp\)\%([A-Za-z0-9_-]\)\@!'
syn match jobCall '\%([A-Za-z0-9_]\)\@1<!\h[A-Za-z0-9_-]*\ze\s*('
syn match jobBuiltin '\%([A-Za-z0-9_]\)\@1<!\%(secret\|configmap\|field\|resource\|range\|join\|lower\|upper\|replace\|len\|default\)\ze\s*('
" a key: a name that starts an item and is followed by =, +=, { or a label
syn match jobField '\%(^\s*\|[{;,]\s*\)\@<=\h[A-Za-z0-9_-]*\ze\s*\%(==\@!\|+=\|{\|\h[A-Za-z0-9_-]*\s*{\|"\)'
syn match jobLabel '\%(^\s*\h[A-Za-z0-9_-]*\s\+\)\@<=\h[A-Za-z0-9_-]*\ze\s*{'
syn match jobName '\%(\%(^\|[^A-Za-z0-9_-]\)\%(job\|template\)\s\+\)\@<=\h[A-Za-z0-9_-]*'
syn match jobConstant '\%(\%(^\|[^A-Za-z0-9_-]\)\%(let\|param\)\s\+\)\@<=\h[A-Za-z0-9_-]*'

syn keyword jobInclude include
syn keyword jobDeclaration let param template job
syn keyword jobRepeat for in
syn keyword jobConditional if else
syn keyword jobBoolean true false
syn keyword jobNull null

" 42, 1_000, 0x1F, 0o755, 0b101; unit literals 500m, 4Gi, 1h30m, 1.5, 1e3
syn match jobNumber '\%([A-Za-z0-9_]\)\@1<!\d[0-9_]*\%(\.\d[0-9_]*\)\=\%([eE][+-]\=\d\+\)\=\%(\a[A-Za-z0-9]*\)\='
syn match jobNumber '\%([A-Za-z0-9_]\)\@1<!0\%([xX][0-9a-fA-F_]\+\|[oO][0-7_]\+\|[bB][01_]\+\)\%([A-Za-z0-9_-]\)\@!'

syn match jobOperator '+=\|==\|!=\|<=\|>=\|&&\|||\|\.\.\|[-=+*/%<>!.]'

" "..." ends at its line's end; \" \\ \n \t \r \$ \u{hex} escape; ${expr}
" interpolates; $${ is a literal ${
syn region jobString start='"' skip='\\\\\|\\"' end='"' end='$' contains=jobEscapeBad,jobEscape,jobDollar,jobInterp
" """...""" is raw: no escapes, ${expr} and $${ only
syn region jobTripleString start='"""' end='"""\%("\)\@!' contains=jobDollar,jobInterp
syn match jobEscapeBad '\\.' contained
syn match jobEscape '\\\%([ntr\\"$]\|u{\x\+}\)' contained
syn match jobDollar '\$\${' contained
syn cluster jobExpr contains=jobIdent,jobEnum,jobCall,jobBuiltin,jobNumber,jobOperator,jobString,jobTripleString,jobBoolean,jobNull,jobRepeat,jobInterpBraces
syn region jobInterp matchgroup=jobInterpDelim start='\${' end='}' contained contains=@jobExpr
syn region jobInterpBraces start='{' end='}' contained transparent contains=@jobExpr,jobField

" .job files are short: parse from the start, so a """ string is always seen
syn sync fromstart

" 'text' is an error: strings are written in double quotes
syn match jobError "'[^'\n]*'"

syn keyword jobTodo TODO FIXME XXX NOTE contained
syn match jobComment '#.*$' contains=jobTodo,@Spell

hi def link jobComment Comment
hi def link jobTodo Todo
hi def link jobInclude Include
hi def link jobDeclaration Keyword
hi def link jobRepeat Repeat
hi def link jobConditional Conditional
hi def link jobBoolean Boolean
hi def link jobNull Constant
hi def link jobString String
hi def link jobTripleString String
hi def link jobEscape SpecialChar
hi def link jobDollar SpecialChar
hi def link jobEscapeBad Error
hi def link jobError Error
hi def link jobInterpDelim Delimiter
hi def link jobNumber Number
hi def link jobOperator Operator
hi def link jobField Identifier
hi def link jobLabel Label
hi def link jobName Type
hi def link jobConstant Constant
hi def link jobEnum Constant
hi def link jobBuiltin Function
hi def link jobCall Function

let b:current_syntax = "job"
let &cpo = s:cpo_save
unlet s:cpo_save
