# check_examples.cmake - builds the examples the way their Makefile says
# (make -C examples, in parallel), compares every output with its
# checked-in examples/expected/<job>.yaml, and validates them all against
# the Kubernetes schema.
#   -DJOBC=... -DPYTHON=... -DVALIDATE=... -DEXAMPLES=<examples dir> -DOUT=<scratch>
cmake_minimum_required(VERSION 3.20)
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND make -C "${EXAMPLES}" -j2 "JOBC=${JOBC}" "OUT=${OUT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR err)
  message(FATAL_ERROR "make -C examples failed (${rc}):\n${out}${err}")
endif()
file(GLOB produced RELATIVE "${OUT}" "${OUT}/*.yaml")
file(GLOB expected RELATIVE "${EXAMPLES}/expected" "${EXAMPLES}/expected/*.yaml")
list(SORT produced)
list(SORT expected)
if(NOT produced STREQUAL expected)
  message(FATAL_ERROR "examples produce [${produced}] but examples/expected holds [${expected}]")
endif()
foreach(f ${produced})
  execute_process(COMMAND diff -u "${EXAMPLES}/expected/${f}" "${OUT}/${f}"
    RESULT_VARIABLE differ OUTPUT_VARIABLE d)
  if(differ)
    message(FATAL_ERROR "examples/expected/${f} is not what jobc writes now:\n${d}")
  endif()
endforeach()
list(TRANSFORM produced PREPEND "${OUT}/")
execute_process(COMMAND "${PYTHON}" "${VALIDATE}" ${produced} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "schema check of the examples failed:\n${out}${err}")
endif()
message(STATUS "${out}")
