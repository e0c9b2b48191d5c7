#!/usr/bin/env node
// textmate.js JOBC REPO NPM_PREFIX - the TextMate grammar of .job files
// (editors/vscode/syntaxes/job.tmLanguage.json), loaded by the libraries
// VS Code itself uses (vscode-textmate, vscode-oniguruma).
//
//   lists     the grammar's keywords are grammar/keywords.def's, its builtin
//             functions compiler/front/eval_builtins.c's, its enum words
//             the word sets of docs/fields.md's type column; so are those
//             of editors/vim/syntax/job.vim.
//   files     every .job file of the repository is tokenized.  For each file
//             jobc parses (`jobc ast --json`), the tokens agree with jobc's
//             own syntax tree: every string (interpolated or not, one line
//             or """) is string-scoped from its opening to its closing
//             quote, and opens and closes where jobc's does; each
//             interpolated expression is inside meta.interpolation; every
//             integer and unit literal is constant.numeric; true, false,
//             null are constant.language; every field and block key is a
//             property name; block labels, job names, parents, template
//             parameters and named arguments have their scopes; every
//             comment jobc counts is comment-scoped to the end of its line
//             and nothing else is; no token is invalid.*.  A file jobc
//             refuses is only tokenized (it must not throw).  In every
//             file, no line starts inside a "..." string of the line
//             before (jobc ends one at its line's end, closed or not).
//   extension package.json contributes the language of .job files (its
//             configuration, '#' comments), this grammar and the setting
//             jobc.path, and extension.js runs `<jobc.path> lsp` over stdio.
//   golden    the scopes of tests/editors/sample.job, a file with every
//             construct of the language, equal tests/editors/sample.tokens
//             (JOBC_UPDATE_GOLDEN=1 rewrites it).
//
// The npm packages are installed into NPM_PREFIX when missing; the test is
// skipped (exit 77) only when they cannot be installed.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const [jobc, repo, prefix] = process.argv.slice(2).map((a) => path.resolve(a));
const SKIP = 77;

function loadLibs() {
  const mods = path.join(prefix, "node_modules");
  const get = () => ({
    tm: require(path.join(mods, "vscode-textmate")),
    onig: require(path.join(mods, "vscode-oniguruma")),
    wasm: path.join(mods, "vscode-oniguruma", "release", "onig.wasm"),
  });
  try {
    return get();
  } catch (e) {
    const r = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--fetch-retries=1",
      "--fetch-timeout=30000", "--prefix", prefix,
      "vscode-textmate", "vscode-oniguruma"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (r.status !== 0) {
      console.log(`SKIP: cannot install vscode-textmate and vscode-oniguruma with npm: ${r.error || r.stderr}`);
      process.exit(SKIP);
    }
    return get();
  }
}

const problems = [];
const fail = (msg) => problems.push(msg);
const grammarPath = path.join(repo, "editors/vscode/syntaxes/job.tmLanguage.json");
const grammarJson = JSON.parse(fs.readFileSync(grammarPath, "utf8"));

// ---- lists -----------------------------------------------------------------
function sameSet(what, mine, theirs) {
  const a = [...new Set(mine)].sort(), b = [...new Set(theirs)].sort();
  const missing = b.filter((w) => !a.includes(w)), extra = a.filter((w) => !b.includes(w));
  if (missing.length || extra.length)
    fail(`${what}: the grammar lacks [${missing.join(" ")}] and has extra [${extra.join(" ")}]`);
}
function words(regex) {
  const m = /\(\?:([a-z|-]+)\)/.exec(regex);
  return m ? m[1].split("|") : [];
}
function checkLists() {
  const rep = grammarJson.repository;
  const kwdef = fs.readFileSync(path.join(repo, "grammar/keywords.def"), "utf8");
  const keywords = [...kwdef.matchAll(/^KEYWORD\("([a-z]+)"/gm)].map((m) => m[1]);
  sameSet("keywords", words(rep.expression.patterns.find((p) => /invalid\.illegal\.keyword/.test(p.name)).match),
    keywords);
  const builtinsC = fs.readFileSync(path.join(repo, "compiler/front/eval_builtins.c"), "utf8");
  const builtins = [...builtinsC.matchAll(/^\s*\{"([a-z]+)", \d+, \d+,/gm)].map((m) => m[1]);
  sameSet("builtins", words(rep.expression.patterns.find((p) => p.name === "support.function.builtin.job").match),
    builtins);
  const enums = [];
  for (const line of fs.readFileSync(path.join(repo, "docs/fields.md"), "utf8").split("\n")) {
    const cols = line.split(" | ");
    if (line.startsWith("| `") && cols.length > 2 && cols[1].includes("\\|"))
      for (const m of cols[1].matchAll(/`([^`]+)`/g)) enums.push(m[1]);
  }
  sameSet("enum words", words(rep.expression.patterns.find((p) => p.name === "constant.other.enum.job").match),
    enums);
  // editors/vim/syntax/job.vim: the same three lists
  const vim = fs.readFileSync(path.join(repo, "editors/vim/syntax/job.vim"), "utf8");
  const vimWords = (group) => {
    const m = new RegExp(`^syn match ${group} '.*?\\\\%\\(([a-z\\\\|-]+)\\\\\\)`, "m").exec(vim);
    return m ? m[1].split("\\|") : [];
  };
  sameSet("Vim's enum words", vimWords("jobEnum"), enums);
  sameSet("Vim's builtins", vimWords("jobBuiltin"), builtins);
  sameSet("Vim's keywords", [...vim.matchAll(/^syn keyword job(?!Todo)\w+ (.*)$/gm)].flatMap((m) => m[1].split(" ")),
    keywords);
  if (keywords.length < 12 || builtins.length < 11 || enums.length < 40)
    fail(`the lists read from the sources look short: ${keywords.length} keywords, ` +
      `${builtins.length} builtins, ${enums.length} enum words`);
}

// ---- the extension ---------------------------------------------------------
// package.json contributes the language of .job files with its configuration
// and this grammar, and the setting jobc.path; extension.js runs `jobc lsp`.
function checkExtension() {
  const dir = path.join(repo, "editors/vscode");
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const c = pkg.contributes || {};
  const lang = (c.languages || []).find((l) => l.id === "job");
  if (!lang || !(lang.extensions || []).includes(".job")) fail("package.json: no language 'job' for .job files");
  else if (!fs.existsSync(path.join(dir, lang.configuration || "")))
    fail(`package.json: the language configuration ${lang.configuration} is missing`);
  else {
    const conf = JSON.parse(fs.readFileSync(path.join(dir, lang.configuration), "utf8"));
    if (conf.comments.lineComment !== "#") fail("language-configuration.json: the line comment is not '#'");
  }
  const gr = (c.grammars || []).find((g) => g.language === "job");
  if (!gr || gr.scopeName !== grammarJson.scopeName || path.resolve(dir, gr.path) !== grammarPath)
    fail("package.json: the grammar of 'job' is not syntaxes/job.tmLanguage.json with its scope source.job");
  const setting = ((c.configuration || {}).properties || {})["jobc.path"];
  if (!setting || setting.default !== "jobc") fail("package.json: no setting jobc.path defaulting to jobc");
  if (!(pkg.dependencies || {})["vscode-languageclient"]) fail("package.json: no dependency on vscode-languageclient");
  const js = fs.readFileSync(path.join(dir, pkg.main || "extension.js"), "utf8");
  if (!/getConfiguration\("jobc"\)\.get\("path"\)/.test(js) || !/args: \["lsp"\]/.test(js) || !/TransportKind\.stdio/.test(js))
    fail(`${pkg.main}: does not run <jobc.path> lsp over stdio`);
}

// ---- tokenizing ------------------------------------------------------------
function tokenize(grammar, tm, text) {
  const lines = text.replace(/^\uFEFF/, "").split("\n").map((l) => l.replace(/\r$/, ""));
  let stack = tm.INITIAL;
  const out = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack, 5000);
    if (r.stoppedEarly) throw new Error("the tokenizer stopped early (time limit)");
    const toks = r.tokens.map((t, i) => ({
      start: t.startIndex,
      end: i + 1 < r.tokens.length ? r.tokens[i + 1].startIndex : line.length,
      scopes: t.scopes,
    })).filter((t) => t.end > t.start);
    const at = new Array(line.length);
    for (const t of toks) for (let i = t.start; i < t.end; i++) at[i] = t.scopes;
    out.push({ line, toks, at });
    stack = r.ruleStack;
  }
  return out;
}

// ---- agreement with jobc's syntax tree ---------------------------------------
function checkFile(rel, tl, ast) {
  const where = (l, c) => `${rel}:${l + 1}:${c + 1}`;
  // a span "L:C-L:C" (1-based, code points, end exclusive) to UTF-16 indexes
  const idx = (l, cp) => {
    const s = tl[l] ? tl[l].line : "";
    let i = 0;
    for (let n = 1; n < cp && i < s.length; n++) i += s.codePointAt(i) > 0xffff ? 2 : 1;
    return i;
  };
  const span = (s) => {
    const m = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(s);
    if (!m) throw new Error(`${rel}: a span "${s}"`);
    const l1 = +m[1] - 1, l2 = +m[3] - 1;
    return { l1, c1: idx(l1, +m[2]), l2, c2: idx(l2, +m[4]) };
  };
  const chars = (sp) => {
    const out = [];
    for (let l = sp.l1; l <= sp.l2; l++) {
      const from = l === sp.l1 ? sp.c1 : 0, to = l === sp.l2 ? sp.c2 : tl[l].line.length;
      for (let c = from; c < to; c++) if (!/\s/.test(tl[l].line[c])) out.push([l, c]);
    }
    return out;
  };
  const has = (l, c, scope) => (tl[l].at[c] || []).some((s) => s.startsWith(scope));
  const need = (sp, scope, what, all = true) => {
    const cs = chars(sp);
    for (const [l, c] of all ? cs : cs.slice(0, 1))
      if (!has(l, c, scope)) {
        fail(`${where(l, c)}: ${what} is not ${scope} but ${(tl[l].at[c] || []).slice(1).join(" ") || "unscoped"}`);
        return;
      }
  };
  const masked = tl.map((t) => new Array(t.line.length).fill(false));
  const mask = (sp) => {
    for (let l = sp.l1; l <= sp.l2; l++) {
      const from = l === sp.l1 ? sp.c1 : 0, to = l === sp.l2 ? sp.c2 : tl[l].line.length;
      for (let c = from; c < to; c++) masked[l][c] = true;
    }
  };
  const str = (n) => {
    const sp = span(n.span);
    mask(sp);
    need(sp, "string.quoted", "a string");
    const cs = chars(sp);
    const [fl, fc] = cs[0], [ll, lc] = cs[cs.length - 1];
    if (!has(fl, fc, "punctuation.definition.string.begin")) fail(`${where(fl, fc)}: a string does not open here`);
    if (!has(ll, lc, "punctuation.definition.string.end")) fail(`${where(ll, lc)}: a string does not close here`);
  };
  const bareOr = (n, scope, what) => {
    if (n.kind === "string" && n.bare) need(span(n.span), scope, what);
    else expr(n);
  };
  const expr = (n) => {
    if (!n) return;
    const sp = span(n.span);
    switch (n.kind) {
      case "string": return n.bare ? need(sp, "support.type.property-name", "a key") : str(n);
      case "interp":
        str(n);
        for (const p of n.parts) {
          if (p.kind === "string") continue;
          need(span(p.span), "meta.interpolation", "an interpolated expression");
          expr(p);
        }
        return;
      case "int": case "unit": return need(sp, "constant.numeric", "a number");
      case "bool": case "null": return need(sp, "constant.language", `'${n.kind}'`);
      case "ident":
        if (!chars(sp).every(([l, c]) => has(l, c, "variable.other") || has(l, c, "constant.other.enum")))
          fail(`${where(sp.l1, sp.c1)}: the name '${n.name}' is not a variable or an enum word`);
        return;
      case "call":
        if (!has(sp.l1, sp.c1, "support.function.builtin") && !has(sp.l1, sp.c1, "variable.function"))
          fail(`${where(sp.l1, sp.c1)}: the call of '${n.name}' is not a function`);
        return n.args.forEach(arg);
      case "member": {
        expr(n.object);
        const cs = chars(sp), [l, c] = cs[cs.length - 1];
        if (!has(l, c, "variable.other.member")) fail(`${where(l, c)}: '.${n.name}' is not a member`);
        return;
      }
      case "index": expr(n.object); return expr(n.index);
      case "binary": expr(n.lhs); return expr(n.rhs);
      case "unary": return expr(n.operand);
      case "range": expr(n.lo); return expr(n.hi);
      case "list": return n.items.forEach(expr);
      case "body": return n.items.forEach(item);
      default: fail(`${where(sp.l1, sp.c1)}: the test does not know the node kind '${n.kind}'`);
    }
  };
  const arg = (a) => {
    if (a.name) need(span(a.span), "variable.parameter", "a named argument", false);
    expr(a.value);
  };
  const first = (n, scope, what) => need(span(n.span), scope, what, false);
  const item = (n) => {
    if (!n) return;
    switch (n.kind) {
      case "field": bareOr(n.key, "support.type.property-name", "a field name"); return expr(n.value);
      case "block":
        bareOr(n.key, "support.type.property-name", "a block name");
        if (n.label) bareOr(n.label, "entity.name.label", "a block label");
        return expr(n.body);
      case "job":
        first(n, "storage.type.job", "'job'");
        bareOr(n.name, "entity.name.type", "a job name");
        n.parents.forEach(parent);
        return expr(n.body);
      case "template":
        first(n, "storage.type.template", "'template'");
        (n.params || []).forEach((p) => { first(p, "variable.parameter", "a template parameter"); expr(p.default); });
        n.parents.forEach(parent);
        return expr(n.body);
      case "let": case "param": first(n, `storage.type.${n.kind}`, `'${n.kind}'`); return expr(n.value);
      case "include": {
        first(n, "keyword.control.import", "'include'");
        const cs = chars(span(n.span)), [l, c] = cs[cs.length - 1];
        if (!has(l, c, "punctuation.definition.string.end")) fail(`${where(l, c)}: the include path does not close here`);
        mask(span(n.span));
        return;
      }
      case "for": first(n, "keyword.control.loop", "'for'"); expr(n.iter); return expr(n.body);
      case "if":
        first(n, "keyword.control.conditional", "'if'");
        expr(n.cond); expr(n.then);
        return n.else && (n.else.kind === "if" ? item(n.else) : expr(n.else));
      default: return expr(n);
    }
  };
  const parent = (p) => {
    first(p, "entity.other.inherited-class", `the parent '${p.name}'`);
    (p.args || []).forEach(arg);
  };
  ast.items.forEach(item);

  // comments: a '#' outside every string starts one, to the end of its line
  let comments = 0;
  tl.forEach((t, l) => {
    let start = t.line.length;
    for (let c = 0; c < t.line.length; c++) if (t.line[c] === "#" && !masked[l][c]) { start = c; break; }
    if (start < t.line.length) comments++;
    for (let c = 0; c < t.line.length; c++) {
      if (/\s/.test(t.line[c])) continue;
      const inComment = has(l, c, "comment.line");
      if (c >= start && !inComment) { fail(`${where(l, c)}: the comment is not comment-scoped here`); break; }
      if (c < start && inComment) { fail(`${where(l, c)}: comment-scoped, but no comment of jobc's`); break; }
    }
  });
  if (comments !== ast.comments) fail(`${rel}: jobc counts ${ast.comments} comments, the test finds ${comments}`);
  tl.forEach((t, l) => t.toks.forEach((tok) => {
    const bad = tok.scopes.find((s) => s.startsWith("invalid"));
    if (bad) fail(`${where(l, tok.start)}: '${t.line.slice(tok.start, tok.end)}' is ${bad}`);
  }));
}

function jobFiles() {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".job")) out.push(p);
    }
  };
  for (const t of ["examples", "stdlib", "docs", "tests"]) walk(path.join(repo, t));
  return out;
}

function golden(grammar, tm) {
  const sample = path.join(repo, "tests/editors/sample.job");
  const want = path.join(repo, "tests/editors/sample.tokens");
  const lines = [];
  tokenize(grammar, tm, fs.readFileSync(sample, "utf8")).forEach((t, l) => {
    for (const tok of t.toks) {
      const text = t.line.slice(tok.start, tok.end);
      if (tok.scopes.length === 1 && !text.trim()) continue;
      lines.push(`${l + 1}:${tok.start + 1}\t${JSON.stringify(text)}\t${tok.scopes.slice(1).join(" ")}`);
    }
  });
  const got = lines.join("\n") + "\n";
  if (process.env.JOBC_UPDATE_GOLDEN === "1") fs.writeFileSync(want, got);
  const exp = fs.existsSync(want) ? fs.readFileSync(want, "utf8") : "";
  if (got !== exp) {
    const a = exp.split("\n"), b = got.split("\n");
    const i = a.findIndex((x, k) => x !== b[k]);
    fail(`tests/editors/sample.tokens differs from the grammar's tokens, first at its line ${i + 1}:\n` +
      `  expected: ${a[i]}\n  got:      ${b[i]}`);
  }
}

async function main() {
  const { tm, onig, wasm } = loadLibs();
  const bin = fs.readFileSync(wasm);
  await onig.loadWASM(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new onig.OnigScanner(s),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope) => scope === "source.job" ? tm.parseRawGrammar(JSON.stringify(grammarJson), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.job");
  checkLists();
  checkExtension();
  let parsed = 0, refused = 0;
  for (const file of jobFiles()) {
    const rel = path.relative(repo, file);
    let tl;
    try {
      tl = tokenize(grammar, tm, fs.readFileSync(file, "utf8"));
    } catch (e) {
      fail(`${rel}: ${e.message}`);
      continue;
    }
    // a "..." string ends at the end of its line, closed or not (jobc.l)
    tl.forEach((t, l) => {
      const s = t.toks.length ? t.toks[0].scopes : [];
      if (s.some((x) => x.startsWith("string.quoted.double")) &&
          !s.some((x) => x.startsWith("punctuation.definition.string.begin")))
        fail(`${rel}:${l + 1}: the line starts inside a "..." string of the line before`);
    });
    const r = spawnSync(jobc, ["ast", "--json", file], { encoding: "utf8", maxBuffer: 1 << 28 });
    // fuzzer inputs are only tokenized: they are odd on purpose (a job's
    // name on the line after 'job'), and no one edits them
    if (r.status !== 0 || rel.startsWith("tests/fuzz/")) { refused++; continue; }
    parsed++;
    checkFile(rel, tl, JSON.parse(r.stdout));
  }
  golden(grammar, tm);
  console.log(`${parsed} files checked against jobc's syntax tree, ${refused} with syntax errors or from the fuzzers only tokenized`);
  if (parsed < 1000) fail(`only ${parsed} files parsed: the walk of the repository missed files`);
  for (const p of problems.slice(0, 60)) console.log(`FAIL: ${p}`);
  if (problems.length > 60) console.log(`... and ${problems.length - 60} more`);
  process.exit(problems.length ? 1 : 0);
}
main().catch((e) => { console.log(`FAIL: ${e.stack}`); process.exit(1); });
