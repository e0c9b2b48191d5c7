# run_case.cmake - runs one golden case.  cmake -P run_case.cmake with
#   -DJOBC=<jobc binary> -DCASE=<case folder> -DOUT=<scratch folder>
# With JOBC_UPDATE_GOLDEN=1 in the environment, the expected file is
# rewritten from the actual output instead (then review the diff).
#
# A case folder holds input.job (and any file it includes) and exactly one
# expected file, which says what is run and what is compared:
#   expected.yaml      jobc build -w input.job    stdout; exit 0; no stderr
#                      (warnings are shown by .err cases, which keep them)
#   expected.ast.json  jobc ast --json input.job  stdout; exit 0; no stderr
#   expected.err       jobc check -Wno-lints input.job
#                                                 stderr; exit 1 if it holds
#                                                 an "error:", else 0
#                      (lints have their own cases, tests/cases/rules/JOB9*)
# An optional `args` file replaces the command line (one line, split on
# spaces), for cases that need options.
cmake_minimum_required(VERSION 3.20)

file(GLOB expected RELATIVE "${CASE}" "${CASE}/expected.*")
list(LENGTH expected n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "${CASE}: needs exactly one expected.* file, found ${n}: ${expected}")
endif()

if(expected STREQUAL "expected.yaml")
  set(args build -w input.job)
  set(compare stdout)
elseif(expected STREQUAL "expected.ast.json")
  set(args ast --json input.job)
  set(compare stdout)
elseif(expected STREQUAL "expected.err")
  set(args check -Wno-lints input.job)
  set(compare stderr)
else()
  message(FATAL_ERROR "${CASE}: unknown expected file ${expected}")
endif()
if(EXISTS "${CASE}/args")
  file(READ "${CASE}/args" line)
  string(STRIP "${line}" line)
  separate_arguments(args UNIX_COMMAND "${line}")
endif()

file(MAKE_DIRECTORY "${OUT}")
execute_process(
  COMMAND "${JOBC}" ${args}
  WORKING_DIRECTORY "${CASE}"
  OUTPUT_FILE "${OUT}/stdout"
  ERROR_FILE "${OUT}/stderr"
  RESULT_VARIABLE rc)

set(actual "${OUT}/${compare}")
if("$ENV{JOBC_UPDATE_GOLDEN}" STREQUAL "1")
  configure_file("${actual}" "${CASE}/${expected}" COPYONLY)
  message(STATUS "updated ${CASE}/${expected}")
  return()
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
  file(SIZE "${OUT}/stderr" err_size)
  if(NOT err_size EQUAL 0)
    file(READ "${OUT}/stderr" err_text)
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
  message(FATAL_ERROR "case ${CASE}\n  jobc ${cmdline}\n${problems}")
endif()
