# A fork of Catch2 v2.13.10's CatchAddTests.cmake (BSD-3-Clause, Kitware/Catch2 authors),
# used by catch_discover_tests() through _CATCH_DISCOVER_TESTS_SCRIPT (tests/CMakeLists.txt).
#
# Why: upstream splits the test-name list with CMake list semantics, so a name with an
# unbalanced '[' (e.g. "draws stay inside [a, b)") swallows every later name into one
# bogus test, and a ';' splits a name in two. This version protects '[', ']' and ';'
# before splitting and restores them per name; the rest is upstream's logic, trimmed.

set(prefix "${TEST_PREFIX}")
set(suffix "${TEST_SUFFIX}")
set(spec ${TEST_SPEC})
set(extra_args ${TEST_EXTRA_ARGS})
set(properties ${TEST_PROPERTIES})
set(reporter ${TEST_REPORTER})
set(output_dir ${TEST_OUTPUT_DIR})
set(output_prefix ${TEST_OUTPUT_PREFIX})
set(output_suffix ${TEST_OUTPUT_SUFFIX})
set(script)
set(tests)

function(add_command NAME)
  set(_args "")
  math(EXPR _last_arg ${ARGC}-1)
  foreach(_n RANGE 1 ${_last_arg})
    set(_arg "${ARGV${_n}}")
    if(_arg MATCHES "[^-./:a-zA-Z0-9_]")
      set(_args "${_args} [==[${_arg}]==]")  # a bracket argument keeps the text verbatim
    else()
      set(_args "${_args} ${_arg}")
    endif()
  endforeach()
  set(script "${script}${NAME}(${_args})\n" PARENT_SCOPE)
endfunction()

if(NOT EXISTS "${TEST_EXECUTABLE}")
  message(FATAL_ERROR "Specified test executable '${TEST_EXECUTABLE}' does not exist")
endif()
execute_process(
  COMMAND ${TEST_EXECUTOR} "${TEST_EXECUTABLE}" ${spec} --list-test-names-only
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result
  WORKING_DIRECTORY "${TEST_WORKING_DIR}")
# Catch2 v2 returns the number of tests listed.
if(result EQUAL 0)
  message(WARNING "Test executable '${TEST_EXECUTABLE}' contains no tests!\n")
elseif(result LESS 0 OR NOT result MATCHES "^[0-9]+$")
  message(FATAL_ERROR "Error running test executable '${TEST_EXECUTABLE}':\n"
                      "  Result: ${result}\n  Output: ${output}\n")
endif()

# Protect list-significant characters, then one list element per line.
string(REPLACE "[" "@GF_LSQB@" output "${output}")
string(REPLACE "]" "@GF_RSQB@" output "${output}")
string(REPLACE ";" "@GF_SEMI@" output "${output}")
string(REPLACE "\r" "" output "${output}")
string(REPLACE "\n" ";" output "${output}")

if(reporter)
  set(reporter_arg "--reporter ${reporter}")
endif()
if(output_dir AND NOT IS_ABSOLUTE "${output_dir}")
  set(output_dir "${TEST_WORKING_DIR}/${output_dir}")
  file(MAKE_DIRECTORY "${output_dir}")
endif()

foreach(line IN LISTS output)
  if(line STREQUAL "")
    continue()
  endif()
  # The test spec Catch2 gets: ',', '[' and ']' escaped with '\' (',' separates specs and
  # '[...]' is a tag), ';' kept as is inside the bracket argument.
  set(test_spec "${line}")
  string(REPLACE "," "\\," test_spec "${test_spec}")
  string(REPLACE "@GF_LSQB@" "\\[" test_spec "${test_spec}")
  string(REPLACE "@GF_RSQB@" "\\]" test_spec "${test_spec}")
  string(REPLACE "@GF_SEMI@" ";" test_spec "${test_spec}")
  # The ctest name: the Catch2 name with ';' (a CMake list separator) shown as ','.
  set(test "${line}")
  string(REPLACE "@GF_LSQB@" "[" test "${test}")
  string(REPLACE "@GF_RSQB@" "]" test "${test}")
  string(REPLACE "@GF_SEMI@" "," test "${test}")
  if(output_dir)
    string(REGEX REPLACE "[^A-Za-z0-9_]" "_" test_name_clean "${test}")
    set(output_dir_arg "--out ${output_dir}/${output_prefix}${test_name_clean}${output_suffix}")
  endif()
  add_command(add_test "${prefix}${test}${suffix}" ${TEST_EXECUTOR} "${TEST_EXECUTABLE}"
              "${test_spec}" ${extra_args} "${reporter_arg}" "${output_dir_arg}")
  add_command(set_tests_properties "${prefix}${test}${suffix}" PROPERTIES
              WORKING_DIRECTORY "${TEST_WORKING_DIR}" ${properties})
  string(REPLACE "[" "\\[" listed "${prefix}${test}${suffix}")
  list(APPEND tests "${listed}")
endforeach()

add_command(set ${TEST_LIST} ${tests})
file(WRITE "${CTEST_FILE}" "${script}")
