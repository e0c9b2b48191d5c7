" .job files are jobc sources
autocmd BufNewFile,BufRead *.job setfiletype job
