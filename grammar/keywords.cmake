# keywords.cmake - writes the body of keyword_token (keywords.c) from
# keywords.def: a switch on the length of a word, then one memcmp for each
# keyword of that length.  The scanner calls it for every name it reads, so
# it must not compare the name with every keyword in turn.
#
#   cmake -DIN=keywords.def -DOUT=keyword_switch.h -P keywords.cmake
cmake_minimum_required(VERSION 3.20)

file(STRINGS ${IN} lines REGEX "^KEYWORD")
set(lengths)
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^KEYWORD\\(\"([a-z]+)\", (TOK_[A-Z_]+)\\)$")
    message(FATAL_ERROR "${IN}: not KEYWORD(\"word\", TOK_NAME): ${line}")
  endif()
  set(text ${CMAKE_MATCH_1})
  set(tok ${CMAKE_MATCH_2})
  string(LENGTH ${text} n)
  if(NOT n IN_LIST lengths)
    list(APPEND lengths ${n})
    set(case_${n})
  endif()
  string(APPEND case_${n} "\tif (memcmp(s, \"${text}\", ${n}) == 0)\n\t\treturn ${tok};\n")
endforeach()
if(NOT lengths)
  message(FATAL_ERROR "${IN}: no KEYWORD lines")
endif()
list(SORT lengths COMPARE NATURAL)

set(text "/* Generated from keywords.def by keywords.cmake: do not edit.
 * The body of keyword_token(s, n) in keywords.c. */
switch (n) {
")
foreach(n IN LISTS lengths)
  string(APPEND text "case ${n}:\n${case_${n}}\tbreak;\n")
endforeach()
string(APPEND text "}\n")
file(WRITE ${OUT} "${text}")
