# run_sim.cmake - runs one jobc simulate case.  cmake -P run_sim.cmake with
#   -DJOBC=<jobc binary> -DCASE=<case folder> -DOUT=<scratch folder>
# With JOBC_UPDATE_GOLDEN=1 in the environment, the expected files are
# rewritten from the actual output instead (then review the diff).
#
# A case folder under tests/cases/simulate/ holds:
#   input.job        the job (its first lines cite the controller behaviour
#                    and the Go function the case checks); a case about a
#                    file elsewhere (an example) says so in a README instead
#   args             the command line after `jobc`, one line, split as a
#                    shell splits it (quotes work), run in the case folder
#   expected.out     standard output
#   expected.err     standard error (absent: it must be empty)
#   expected.status  the exit status (absent: 0)
#   tail             optional: a number N; expected.out is then the last N
#                    lines of standard output (for a run too long to keep)
# and any file the command line names (a scenario file).
cmake_minimum_required(VERSION 3.20)

foreach(f args expected.out)
  if(NOT EXISTS "${CASE}/${f}")
    message(FATAL_ERROR "${CASE}: has no ${f}")
  endif()
endforeach()
file(READ "${CASE}/args" line)
string(STRIP "${line}" line)
separate_arguments(args UNIX_COMMAND "${line}")

file(MAKE_DIRECTORY "${OUT}")
execute_process(
  COMMAND "${JOBC}" ${args}
  WORKING_DIRECTORY "${CASE}"
  OUTPUT_FILE "${OUT}/stdout"
  ERROR_FILE "${OUT}/stderr"
  RESULT_VARIABLE rc)

if(EXISTS "${CASE}/tail")
  file(READ "${CASE}/tail" n)
  string(STRIP "${n}" n)
  execute_process(COMMAND tail -n "${n}" "${OUT}/stdout" OUTPUT_FILE "${OUT}/stdout.tail")
  file(RENAME "${OUT}/stdout.tail" "${OUT}/stdout")
endif()

if("$ENV{JOBC_UPDATE_GOLDEN}" STREQUAL "1")
  configure_file("${OUT}/stdout" "${CASE}/expected.out" COPYONLY)
  file(SIZE "${OUT}/stderr" err_size)
  if(err_size EQUAL 0)
    file(REMOVE "${CASE}/expected.err")
  else()
    configure_file("${OUT}/stderr" "${CASE}/expected.err" COPYONLY)
  endif()
  if(rc STREQUAL "0")
    file(REMOVE "${CASE}/expected.status")
  else()
    file(WRITE "${CASE}/expected.status" "${rc}\n")
  endif()
  message(STATUS "updated ${CASE}")
  return()
endif()

set(problems "")
set(want_rc 0)
if(EXISTS "${CASE}/expected.status")
  file(READ "${CASE}/expected.status" want_rc)
  string(STRIP "${want_rc}" want_rc)
endif()
if(NOT rc STREQUAL want_rc)
  string(APPEND problems "exit status ${rc}, expected ${want_rc}\n")
endif()
foreach(stream out err)
  if(stream STREQUAL "out")
    set(actual "${OUT}/stdout")
  else()
    set(actual "${OUT}/stderr")
  endif()
  set(expected "${CASE}/expected.${stream}")
  if(NOT EXISTS "${expected}")
    file(SIZE "${actual}" size)
    if(NOT size EQUAL 0)
      file(READ "${actual}" text)
      string(APPEND problems "unexpected standard error:\n${text}\n")
    endif()
    continue()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected}" "${actual}"
                  RESULT_VARIABLE differ)
  if(differ)
    string(APPEND problems "std${stream} differs from expected.${stream} (diff above)\n")
    # The diff goes straight to the output: message() would reflow its lines.
    execute_process(COMMAND diff -u "${expected}" "${actual}")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "case ${CASE}\n  jobc ${line}\n${problems}")
endif()
