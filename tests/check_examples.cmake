# check_examples.cmake - builds the examples the way their Makefile says
# (make -C examples, in parallel), compares every output with its
# checked-in examples/expected/<job>.yaml, and validates them all against
# the Kubernetes schema.  Then the other two backends: --emit json into
# examples/expected/json/, and --emit planton into examples/expected/planton/
# (a file Planton cannot express has its diagnostics there as <file>.err),
# checked by the schema test and by the Planton checker.
#   -DJOBC=... -DPYTHON=... -DVALIDATE=... -DPLANTON=... -DEXAMPLES=<examples dir> -DOUT=<scratch>
cmake_minimum_required(VERSION 3.20)
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND make -C "${EXAMPLES}" -j2 "JOBC=${JOBC}" "OUT=${OUT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR err)
  message(FATAL_ERROR "make -C examples failed (${rc}):\n${out}${err}")
endif()

file(GLOB sources RELATIVE "${EXAMPLES}" "${EXAMPLES}/*.job")
list(SORT sources)
execute_process(COMMAND "${JOBC}" build -w --emit json -o "${OUT}/json" ${sources}
  WORKING_DIRECTORY "${EXAMPLES}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "jobc build --emit json of the examples failed:\n${err}")
endif()
foreach(src ${sources})
  execute_process(COMMAND "${JOBC}" check -Wno-lints --emit planton ${src}
    WORKING_DIRECTORY "${EXAMPLES}" RESULT_VARIABLE rc ERROR_VARIABLE err)
  string(REGEX REPLACE "\\.job$" ".err" errname "${src}")
  if(rc EQUAL 0)
    execute_process(COMMAND "${JOBC}" build -w --emit planton -o "${OUT}/planton" ${src}
      WORKING_DIRECTORY "${EXAMPLES}" RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "jobc build --emit planton ${src} failed:\n${err}")
    endif()
  else()
    file(WRITE "${OUT}/planton/${errname}" "${err}")
  endif()
endforeach()

# folder kind-ext
foreach(set ".:yaml" "json:json" "planton:yaml" "planton:err")
  string(REPLACE ":" ";" parts "${set}")
  list(GET parts 0 sub)
  list(GET parts 1 ext)
  if("$ENV{JOBC_UPDATE_GOLDEN}" STREQUAL "1")
    file(GLOB old "${EXAMPLES}/expected/${sub}/*.${ext}")
    if(old)
      file(REMOVE ${old})
    endif()
    file(GLOB new "${OUT}/${sub}/*.${ext}")
    file(COPY ${new} DESTINATION "${EXAMPLES}/expected/${sub}")
    continue()
  endif()
  file(GLOB produced RELATIVE "${OUT}/${sub}" "${OUT}/${sub}/*.${ext}")
  file(GLOB expected RELATIVE "${EXAMPLES}/expected/${sub}" "${EXAMPLES}/expected/${sub}/*.${ext}")
  list(SORT produced)
  list(SORT expected)
  if(NOT produced STREQUAL expected)
    message(FATAL_ERROR "examples produce ${sub}/[${produced}] but examples/expected/${sub} holds [${expected}]")
  endif()
  foreach(f ${produced})
    execute_process(COMMAND diff -u "${EXAMPLES}/expected/${sub}/${f}" "${OUT}/${sub}/${f}"
      RESULT_VARIABLE differ OUTPUT_VARIABLE d)
    if(differ)
      message(FATAL_ERROR "examples/expected/${sub}/${f} is not what jobc writes now:\n${d}")
    endif()
  endforeach()
endforeach()

file(GLOB yaml_out "${OUT}/*.yaml")
file(GLOB json_out "${OUT}/json/*.json")
execute_process(COMMAND "${PYTHON}" "${VALIDATE}" ${yaml_out} ${json_out} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "schema check of the examples failed:\n${out}${err}")
endif()
message(STATUS "${out}")
file(GLOB planton_out "${OUT}/planton/*.yaml")
execute_process(COMMAND "${PYTHON}" "${PLANTON}" ${planton_out} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Planton check of the examples failed:\n${out}${err}")
endif()
message(STATUS "${out}")
