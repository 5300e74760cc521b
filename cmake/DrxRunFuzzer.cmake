# SPDX-License-Identifier: BSL-1.0
# Runs one libFuzzer target for a bounded time (used by the fuzz.* ctest tests).
#   cmake -DFUZZER=<exe> -DCORPUS=<committed corpus dir> -DWORK_DIR=<writable dir>
#         -DARTIFACT_DIR=<dir> [-DDICT=<file>] [-DSECONDS=20] -P DrxRunFuzzer.cmake
# The committed corpus is copied into WORK_DIR first (fresh each run), so libFuzzer
# only ever writes into the build tree. Fails when libFuzzer exits non-zero.

foreach(var FUZZER CORPUS WORK_DIR ARTIFACT_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "DrxRunFuzzer.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED SECONDS OR "${SECONDS}" STREQUAL "")
  set(SECONDS 20)
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}" "${ARTIFACT_DIR}")
if(IS_DIRECTORY "${CORPUS}")
  file(GLOB seeds LIST_DIRECTORIES false "${CORPUS}/*")
  list(LENGTH seeds n)
  file(COPY "${CORPUS}/" DESTINATION "${WORK_DIR}")
  message(STATUS "corpus: ${CORPUS} (${n} seeds) -> ${WORK_DIR}")
else()
  message(WARNING "no committed corpus at ${CORPUS}; starting from an empty corpus")
endif()

set(args -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
  -print_final_stats=1 "-artifact_prefix=${ARTIFACT_DIR}/")
if(DICT)
  list(APPEND args "-dict=${DICT}")
endif()

message(STATUS "running: ${FUZZER} ${args} ${WORK_DIR}")
execute_process(COMMAND "${FUZZER}" ${args} "${WORK_DIR}" RESULT_VARIABLE rc)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "libFuzzer exited with '${rc}': a finding; see the reproducer in ${ARTIFACT_DIR}")
endif()
message(STATUS "fuzzing finished without findings")
