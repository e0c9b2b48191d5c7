// vscode_jsonrpc.js JOBC SCRATCH - jobc lsp through vscode-jsonrpc, the
// JSON-RPC library VS Code's language client is built on.
//
// Run by clients.py with NODE_PATH naming the node_modules folder that
// holds vscode-jsonrpc.  The library frames, reads and matches the
// messages; this script plays the editor: initialize, initialized, didOpen
// of a file with a mistake (after a snowman and an emoji on its line, so
// that UTF-16 columns, which JavaScript strings count in, matter), its
// diagnostic, an incremental didChange that fixes it (two changes in one
// notification, as VS Code sends them) and the empty
// diagnostics that follow, hover, completion, shutdown and exit with
// status 0.  Prints each failure and exits 1 when there is one.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const rpc = require('vscode-jsonrpc/node');

const [jobc, scratch] = process.argv.slice(2);
const TIMEOUT = 20000;
const fails = [];
function check(cond, what) {
  if (!cond) fails.push(what);
  return cond;
}
const show = (x) => JSON.stringify(x);

function within(promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${TIMEOUT} ms: ${what}`)), TIMEOUT);
  })]).finally(() => clearTimeout(timer));
}

async function main() {
  const file = path.join(scratch, 'report.job');
  const uri = 'file://' + file;
  const lines = [
    'job report {',
    '  image = "acme/report:1.4"',
    '  # a snowman and an emoji before the mistake, on its line',
    '  args = ["☃", "😀"]; restart = always',
    '  ttl = 1h',
    '  deadline = 30m',
    '  resources { cpu = 100m..500m; memory = 256Mi }',
    '  retries = 3',
    '  ',
    '}',
  ];
  const text = lines.join('\n') + '\n';

  const proc = spawn(jobc, ['lsp'], {
    cwd: scratch, stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, XDG_CACHE_HOME: path.join(scratch, 'cache') },
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout),
                                           new rpc.StreamMessageWriter(proc.stdin));
  let waiting = null;
  const published = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    published.push(p.diagnostics);
    if (waiting) { waiting(); waiting = null; }
  });
  conn.listen();
  // the next diagnostics of the file after `seen` of them
  const diagnostics = (seen, what) => within(new Promise((resolve) => {
    const done = () => resolve(published[seen]);
    if (published.length > seen) done(); else waiting = done;
  }), `diagnostics ${what}`);
  const request = (method, params) => within(conn.sendRequest(method, params), method);

  const init = await request('initialize', {
    processId: process.pid, rootUri: 'file://' + scratch,
    capabilities: { textDocument: { synchronization: { dynamicRegistration: false },
                                    hover: { contentFormat: ['markdown', 'plaintext'] },
                                    completion: {}, publishDiagnostics: {} } },
  });
  const sync = init.capabilities.textDocumentSync;
  check(sync && sync.openClose && sync.change === 2,  // TextDocumentSyncKind.Incremental
        `initialize: open, close and incremental sync are offered: ${show(init.capabilities)}`);
  conn.sendNotification('initialized', {});

  // the mistake: JOB101 on 'always', in UTF-16 columns
  conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'job', version: 1, text } });
  let d = await diagnostics(0, 'after didOpen');
  const col = lines[3].indexOf('always');
  const j101 = d.filter((x) => x.code === 'JOB101');
  check(d.length === 1 && j101.length === 1 && j101[0].severity === 1
        && show(j101[0].range) === show({ start: { line: 3, character: col },
                                          end: { line: 3, character: col + 6 } }),
        `JOB101 alone, an error at 3:${col}-${col + 6} (UTF-16): ${show(d)}`);

  // an incremental change that fixes it, in two steps as VS Code batches
  // them (the second's range is in the text the first made): a let
  // above, then the word; the diagnostics go
  conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment right before the job: its body is still a job body\n' },
      { range: { start: { line: 4, character: col }, end: { line: 4, character: col + 6 } }, text: 'never' }] });
  d = await diagnostics(1, 'after the fix');
  check(d.length === 0, `after the incremental fix, no diagnostic: ${show(d)}`);

  // hover on 'retries'
  let r = await request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 4 } });
  const v = r && r.contents ? (r.contents.value || r.contents) : '';
  check(typeof v === 'string' && v.includes('spec.backoffLimit'), `hover on retries: ${show(r)}`);

  // completion on the blank line of the body
  r = await request('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 2 } });
  const labels = new Set((r && (r.items || r) || []).map((i) => i.label));
  check(labels.has('deadline') && labels.has('container'),
        `completion in a job body: deadline and container not offered: ${show([...labels])}`);

  // shutdown, exit: status 0
  r = await request('shutdown');
  check(r === null, `shutdown: the result is null: ${show(r)}`);
  conn.sendNotification('exit');
  const { code, signal } = await within(exited, 'the server to exit');
  check(code === 0, `exit after shutdown: status ${code}, signal ${signal}`);
  conn.dispose();
}

main().catch((e) => fails.push(`the script failed: ${e && e.stack || e}`)).finally(() => {
  for (const f of fails) console.error('FAIL:', f);
  process.exit(fails.length ? 1 : 0);
});
