# run_case.cmake - runs one golden case.  cmake -P run_case.cmake with
#   -DJOBC=<jobc binary> -DCASE=<case folder> -DOUT=<scratch folder>
# With JOBC_UPDATE_GOLDEN=1 in the environment, the expected files are
# rewritten from the actual output instead (then review the diff).
#
# A case folder holds input.job (and any file it includes) and one or more
# expected files; each says what is run and what is compared:
#   expected.yaml          jobc build -w input.job                stdout; exit 0; no stderr
#   expected.json          jobc build -w --emit json input.job    stdout; exit 0; no stderr
#   expected.planton.yaml  jobc build -w --emit planton input.job stdout; exit 0; no stderr
#                          (warnings are shown by .err cases, which keep them;
#                          see below for the twins of warnings, built without -w)
#   expected.ast.json      jobc ast --json input.job              stdout; exit 0; no stderr
#   expected.err           jobc check -Wno-lints input.job        stderr; exit 1 if it holds
#                                                                 an "error:", else 0
#   expected.planton.err   jobc check -Wno-lints --emit planton input.job  (the same)
#                          (lints have their own cases, tests/cases/rules/JOB9*)
# The passing twin of a warning or a lint (a folder <ID>-<slug>-...-ok whose
# rule is WARNING or LINT in compiler/kube/rules.def) is built without -w:
# its stderr must be empty, so a twin that still warns (its own rule, or
# any other) fails.
# An optional `options` file (one line) adds options to every command.  An
# optional `args` file replaces the command line (one line, split on
# spaces), for a case with a single expected file that needs a command of
# its own.
cmake_minimum_required(VERSION 3.20)

set(quiet -w)
get_filename_component(case_name "${CASE}" NAME)
if(case_name MATCHES "^(JOB[0-9]+)-.*-ok$")
  file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../compiler/kube/rules.def" level
       REGEX "^RULE\\(${CMAKE_MATCH_1}, *(WARNING|LINT),")
  if(level)
    set(quiet "")
  endif()
endif()

file(GLOB expected_files RELATIVE "${CASE}" "${CASE}/expected.*")
list(LENGTH expected_files n)
if(n EQUAL 0)
  message(FATAL_ERROR "${CASE}: has no expected.* file")
endif()
set(extra "")
if(EXISTS "${CASE}/options")
  file(READ "${CASE}/options" line)
  string(STRIP "${line}" line)
  separate_arguments(extra UNIX_COMMAND "${line}")
endif()
if(EXISTS "${CASE}/args" AND NOT n EQUAL 1)
  message(FATAL_ERROR "${CASE}: an args file needs exactly one expected file; use options")
endif()

set(all_problems "")
foreach(expected ${expected_files})
  if(expected STREQUAL "expected.yaml")
    set(args build ${quiet} ${extra} input.job)
    set(compare stdout)
  elseif(expected STREQUAL "expected.json")
    set(args build ${quiet} --emit json ${extra} input.job)
    set(compare stdout)
  elseif(expected STREQUAL "expected.planton.yaml")
    set(args build ${quiet} --emit planton ${extra} input.job)
    set(compare stdout)
  elseif(expected STREQUAL "expected.ast.json")
    set(args ast --json ${extra} input.job)
    set(compare stdout)
  elseif(expected STREQUAL "expected.err")
    set(args check -Wno-lints ${extra} input.job)
    set(compare stderr)
  elseif(expected STREQUAL "expected.planton.err")
    set(args check -Wno-lints --emit planton ${extra} input.job)
    set(compare stderr)
  else()
    message(FATAL_ERROR "${CASE}: unknown expected file ${expected}")
  endif()
  if(EXISTS "${CASE}/args")
    file(READ "${CASE}/args" line)
    string(STRIP "${line}" line)
    separate_arguments(args UNIX_COMMAND "${line}")
  endif()

  set(out "${OUT}/${expected}.out")
  file(MAKE_DIRECTORY "${out}")
  execute_process(
    COMMAND "${JOBC}" ${args}
    WORKING_DIRECTORY "${CASE}"
    OUTPUT_FILE "${out}/stdout"
    ERROR_FILE "${out}/stderr"
    RESULT_VARIABLE rc)

  set(actual "${out}/${compare}")
  if("$ENV{JOBC_UPDATE_GOLDEN}" STREQUAL "1")
    configure_file("${actual}" "${CASE}/${expected}" COPYONLY)
    message(STATUS "updated ${CASE}/${expected}")
    continue()
  endif()

  set(problems "")
  # The exit status the expected output implies.
  if(compare STREQUAL "stderr")
    file(READ "${CASE}/${expected}" text)
    string(FIND "${text}" "error:" has_error)
    if(has_error EQUAL -1)
      set(want_rc 0)
    else()
      set(want_rc 1)
    endif()
  else()
    set(want_rc 0)
    file(SIZE "${out}/stderr" err_size)
    if(NOT err_size EQUAL 0)
      file(READ "${out}/stderr" err_text)
      string(APPEND problems "unexpected diagnostics:\n${err_text}\n")
    endif()
  endif()
  if(NOT rc STREQUAL want_rc)
    string(APPEND problems "exit status ${rc}, expected ${want_rc}\n")
  endif()

  execute_process(
    COMMAND ${CMAKE_COMMAND} -E compare_files "${CASE}/${expected}" "${actual}"
    RESULT_VARIABLE differ)
  if(differ)
    string(APPEND problems "${compare} differs from ${expected} (diff above)\n")
    # The diff goes straight to the output: message() would reflow its lines.
    execute_process(COMMAND diff -u "${CASE}/${expected}" "${actual}")
  endif()
  if(problems)
    string(REPLACE ";" " " cmdline "${args}")
    string(APPEND all_problems "  jobc ${cmdline}\n${problems}")
  endif()
endforeach()

if(all_problems)
  message(FATAL_ERROR "case ${CASE}\n${all_problems}")
endif()
