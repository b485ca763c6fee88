# Warning flags for minipy's own targets. They are set per target (never through
# CMAKE_<LANG>_FLAGS) so that an embedder who adds minipy as a subdirectory keeps theirs.
function(minipy_target_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wformat=2)
    if(MINIPY_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
