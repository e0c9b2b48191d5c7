# replay.cmake - one replay test: cmake -P replay.cmake with
#   -DREPLAY=<replay_TARGET> -DSAVED=<dir>|<dir> -DEXT=<.job> -DSEEDS=<dir>|<dir>...
# Runs REPLAY over the saved inputs (every file of the SAVED folders:
# crashes/<target>/ and corpus/<target>/) and over the seed corpus (the
# files of the SEEDS folders whose names end in EXT), then checks that each
# saved file was run: a saved input is never skipped for its name.
cmake_minimum_required(VERSION 3.20)

string(REPLACE "|" ";" saved "${SAVED}")
string(REPLACE "|" ";" seeds "${SEEDS}")
execute_process(COMMAND "${REPLAY}" --all ${saved} --ext "${EXT}" ${seeds}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message("${err}")
  message(FATAL_ERROR "${REPLAY} exited ${rc}")
endif()
# replay prints each file it runs on a line of its own; a target's own
# messages between them (jobc simulate's) may hold ; [ ], which would
# join lines in a CMake list
string(REGEX REPLACE "[][;]" "_" ran "${err}")
string(REPLACE "\n" ";" ran "${ran}")
set(missing "")
foreach(dir ${saved})
  file(GLOB_RECURSE files LIST_DIRECTORIES false "${dir}/*")
  foreach(f ${files})
    get_filename_component(name "${f}" NAME)
    if(name MATCHES "^(\\.|README)")
      continue()
    endif()
    list(FIND ran "${f}" at)
    if(at EQUAL -1)
      list(APPEND missing "${f}")
    endif()
  endforeach()
endforeach()
if(missing)
  string(REPLACE ";" "\n  " missing "${missing}")
  message(FATAL_ERROR "saved inputs the replay did not run:\n  ${missing}")
endif()
string(REGEX MATCH "[0-9]+ inputs replayed[^\n]*" summary "${err}")
message("${summary}")
