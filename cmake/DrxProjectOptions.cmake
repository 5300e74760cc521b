# SPDX-License-Identifier: BSL-1.0
# Build settings for drx's own executables (tests, examples, fuzzers, benchmarks).
# None of this reaches consumers: drx::drx does not link these targets and they are
# not installed or exported.

# drx_warnings: warning flags (+ -Werror with DRX_WERROR).
add_library(drx_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(drx_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
  if(DRX_WERROR)
    target_compile_options(drx_warnings INTERFACE -Werror)
  endif()
elseif(MSVC)
  target_compile_options(drx_warnings INTERFACE /W4 /permissive-)
  if(DRX_WERROR)
    target_compile_options(drx_warnings INTERFACE /WX)
  endif()
endif()

# drx_sanitizers: ASan + UBSan on compile and link with DRX_SANITIZE.
add_library(drx_sanitizers INTERFACE)
if(DRX_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "DRX_SANITIZE=ON needs g++ or clang++")
  endif()
  set(_drx_san_flags
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(drx_sanitizers INTERFACE ${_drx_san_flags})
  target_link_options(drx_sanitizers INTERFACE ${_drx_san_flags})
endif()

# drx_setup_executable(<target>): what every project executable links.
function(drx_setup_executable target)
  target_link_libraries(${target} PRIVATE drx::drx drx_warnings drx_sanitizers)
endfunction()
