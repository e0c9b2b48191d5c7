-- neovim.lua - jobc lsp driven by Neovim's own LSP client (0.7 and later).
--
-- Run by clients.py as
--   nvim --headless -u NONE -i NONE -c 'luafile tests/lsp/neovim.lua'
-- with JOBC (the program), SCRATCH (a folder it may fill) and RESULT (the
-- file to write the verdict to) in the environment.  It opens a .job file
-- with a mistake in a buffer, attaches a client running `jobc lsp`, and
-- asserts what the client makes of the answers: the diagnostic as
-- vim.diagnostic holds it (0-based lines, byte columns converted from the
-- server's UTF-16), hover, completion, go to definition into an included
-- file (the client opens it and puts the cursor there), a fix-it as a
-- code action applied by the client, and formatting
-- applied to the buffer (equal to what `jobc fmt` prints), with nothing
-- said by the client in messages or in its log.  RESULT gets
-- "ok" or one failure a line; the exit status is 0 only when all held.

local jobc, scratch, result = os.getenv('JOBC'), os.getenv('SCRATCH'), os.getenv('RESULT')
local fails = {}
local TIMEOUT = 20000

local function check(cond, what)
  if not cond then table.insert(fails, what) end
  return cond
end

local function write(path, text)
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

local function finish()
  write(result, #fails == 0 and 'ok\n' or table.concat(fails, '\n') .. '\n')
  vim.cmd(#fails == 0 and 'qall!' or 'cquit!')
end

-- Every publishDiagnostics the client receives is counted, so that a test
-- can wait for the answer to its own change.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
  default_publish(err, res, ctx, config)
  published[res.uri] = (published[res.uri] or 0) + 1
end

-- What the client complains of (an answer it cannot read, a method the
-- server lacks, the server's standard error) goes to vim.notify or to its
-- log: both must stay silent (a later Neovim's word on a deprecated
-- function aside).
local notified = {}
vim.notify = function(msg, level)
  if (level or 0) >= vim.log.levels.WARN and not tostring(msg):find('deprecated') then
    table.insert(notified, ('[%s] %s'):format(tostring(level), msg))
  end
end

local function wait_publish(uri, seen, what)
  return check(vim.wait(TIMEOUT, function() return (published[uri] or 0) > seen end, 20),
               'no diagnostics published ' .. what)
end

local function request(buf, method, params, what)
  local answers, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  if not check(answers, what .. ': no answer (' .. tostring(err) .. ')') then return nil end
  for _, a in pairs(answers) do
    check(not a.err, what .. ': error ' .. vim.inspect(a.err))
    return a.result
  end
  check(false, what .. ': no client answered')
end

local function at(buf, line, col)
  vim.api.nvim_win_set_buf(0, buf)
  vim.api.nvim_win_set_cursor(0, {line + 1, col})
  return vim.lsp.util.make_position_params(0, 'utf-16')
end

local function run()
  vim.fn.mkdir(scratch .. '/lib', 'p')
  local lib = scratch .. '/lib/base.job'
  write(lib, '# shared defaults\ntemplate nightly(tag = "1") {\n  image = "acme/etl:${tag}"\n'
             .. '  retries = 2\n}\n')
  local path = scratch .. '/etl.job'
  local lines = {
    'include "lib/base.job"',
    'job etl : nightly("2") {',
    '  # a snowman before the mistake, on its line: its byte and UTF-16 columns differ',
    '  args = ["☃", "😀"]; restart = always',
    '  retries = 3',
    '  ',
    '}',
  }
  write(path, table.concat(lines, '\n') .. '\n')

  local exit_code
  local client_id = vim.lsp.start_client({
    name = 'jobc',
    cmd = {jobc, 'lsp'},
    root_dir = scratch,
    on_exit = function(code) exit_code = code end,
  })
  if not check(client_id, 'vim.lsp.start_client did not start jobc lsp') then return end

  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'job'
  local uri = vim.uri_from_bufnr(buf)
  vim.lsp.buf_attach_client(buf, client_id)

  -- the diagnostic: JOB101 on 'always', line 3 (0-based), its byte column
  if not wait_publish(uri, 0, 'after the file was opened') then return end
  local d = vim.diagnostic.get(buf)
  local col = lines[4]:find('always', 1, true) - 1
  local j101 = vim.tbl_filter(function(x) return x.code == 'JOB101' end, d)
  check(#j101 == 1 and j101[1].lnum == 3 and j101[1].col == col and j101[1].end_lnum == 3
        and j101[1].end_col == col + #'always' and j101[1].severity == vim.diagnostic.severity.ERROR,
        ('JOB101 at 3:%d-%d (0-based, bytes), an error: got %s'):format(col, col + 6, vim.inspect(d)))

  -- hover on 'retries'
  local r = request(buf, 'textDocument/hover', at(buf, 4, 4), 'hover on retries')
  local v = r and r.contents and (r.contents.value or r.contents) or ''
  check(type(v) == 'string' and v:find('spec.backoffLimit', 1, true),
        'hover on retries: spec.backoffLimit not in ' .. vim.inspect(r))

  -- completion on the blank line of the job's body
  r = request(buf, 'textDocument/completion', at(buf, 5, 2), 'completion in a job body')
  local items = r and (r.items or r) or {}
  local labels = {}
  for _, i in ipairs(items) do labels[i.label] = true end
  check(labels.deadline and labels.retries,
        'completion in a job body: deadline and retries not offered: ' .. vim.inspect(vim.tbl_keys(labels)))

  -- go to definition of 'nightly' (line 1), a template of the included file
  r = request(buf, 'textDocument/definition', at(buf, 1, 12), 'definition of nightly')
  local loc = r and (r.uri and r or r[1]) or {}
  check(loc.uri == vim.uri_from_fname(lib) and loc.range and loc.range.start.line == 1
        and loc.range.start.character == 9,
        'definition of nightly: not ' .. vim.uri_from_fname(lib) .. ' 1:9: ' .. vim.inspect(r))
  at(buf, 1, 12)
  vim.lsp.buf.definition()
  local jumped = vim.wait(TIMEOUT, function() return vim.api.nvim_buf_get_name(0) == lib end, 20)
  check(jumped and vim.deep_equal(vim.api.nvim_win_get_cursor(0), {2, 9}),
        'vim.lsp.buf.definition(): not in ' .. lib .. ' at 2:9 but in '
        .. vim.api.nvim_buf_get_name(0) .. ' at ' .. vim.inspect(vim.api.nvim_win_get_cursor(0)))
  vim.api.nvim_win_set_buf(0, buf)

  -- a fix-it as a code action, asked with the diagnostics the client
  -- holds for the line and applied by it, after non-ASCII text
  local l3 = vim.api.nvim_buf_get_lines(buf, 3, 4, false)[1]
  local s = l3:find('restart = always', 1, true) - 1
  local seen = published[uri] or 0
  vim.api.nvim_buf_set_text(buf, 3, s, 3, #l3, {'retires = 3'})
  wait_publish(uri, seen, 'after a typo')
  d = vim.tbl_filter(function(x) return x.message:find('retires', 1, true) end, vim.diagnostic.get(buf))
  check(#d == 1 and d[1].lnum == 3 and d[1].col == s and d[1].end_col == s + #'retires',
        ('the typo at 3:%d (0-based, bytes): %s'):format(s, vim.inspect(d)))
  at(buf, 3, s + 2)
  local params = vim.lsp.util.make_range_params(0, 'utf-16')
  params.context = {diagnostics = vim.lsp.diagnostic.get_line_diagnostics
                      and vim.lsp.diagnostic.get_line_diagnostics(buf, 3)
                      or vim.tbl_map(function(x) return x.user_data.lsp end, vim.diagnostic.get(buf, {lnum = 3}))}
  r = request(buf, 'textDocument/codeAction', params, 'code action on the typo')
  if check(r and r[1] and r[1].edit, 'code action on the typo: no edit: ' .. vim.inspect(r)) then
    vim.lsp.util.apply_workspace_edit(r[1].edit, 'utf-16')
  end
  local fixed = vim.api.nvim_buf_get_lines(buf, 3, 4, false)[1]
  check(fixed == l3:sub(1, s) .. 'retries = 3', 'after the code action, line 4 is ' .. fixed)

  -- formatting: a badly formatted buffer becomes what jobc fmt prints
  local ugly = {
    'include   "lib/base.job"',
    'job   etl:nightly("2"){',
    'args=["☃","😀"]',
    '      retries=3',
    '   deadline=1h }',
  }
  seen = published[uri] or 0
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, ugly)
  wait_publish(uri, seen, 'after the buffer was replaced')
  local want = vim.fn.system({jobc, 'fmt', '-'}, table.concat(ugly, '\n') .. '\n')
  check(vim.v.shell_error == 0, 'jobc fmt - failed: ' .. want)
  if vim.lsp.buf.format then
    vim.lsp.buf.format({bufnr = buf, timeout_ms = TIMEOUT})
  else
    vim.lsp.buf.formatting_sync(nil, TIMEOUT)
  end
  local got = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  check(got == want, ('formatting: the buffer is\n%s\nnot what jobc fmt prints:\n%s'):format(got, want))

  -- an incremental change as the client computes it (UTF-16 columns after
  -- a snowman and an emoji): the server's text stays the buffer's
  local args = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  seen = published[uri] or 0
  vim.api.nvim_buf_set_text(buf, 2, #args, 2, #args, {'; restart = always'})
  wait_publish(uri, seen, 'after an incremental change')
  d = vim.tbl_filter(function(x) return x.severity == vim.diagnostic.severity.ERROR end,
                     vim.diagnostic.get(buf))
  col = #args + #'; restart = '
  check(#d == 1 and d[1].code == 'JOB101' and d[1].lnum == 2 and d[1].col == col,
        ('after an incremental change, the one error is JOB101 at 2:%d: %s'):format(col, vim.inspect(d)))

  -- shutdown and exit: the server ends with status 0
  vim.lsp.stop_client(client_id)
  check(vim.wait(TIMEOUT, function() return exit_code ~= nil end, 20) and exit_code == 0,
        'jobc lsp after shutdown and exit: status ' .. tostring(exit_code))

  check(#notified == 0, 'the client said: ' .. table.concat(notified, '\n'))
  local log = io.open(vim.lsp.get_log_path())
  for l in log and log:lines() or function() end do
    check(not l:find('^%[ERROR%]') and not l:find('^%[WARN%]'), 'in the client\'s log: ' .. l)
  end
  if log then log:close() end
end

local ok, err = pcall(run)
check(ok, 'the script failed: ' .. tostring(err))
finish()
